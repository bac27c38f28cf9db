"""axe-core in the browser: run the WCAG 2.0/2.1 A and AA rules on the current page and describe
what fails in words a developer can act on. axe.min.js comes from the axe-playwright-python
package (never from a CDN)."""

from axe_playwright_python.base import AXE_SCRIPT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def preload(context):
    """Load axe-core into every page of the context as it opens, which is faster than sending
    it for each check."""
    context.add_init_script(script=AXE_SCRIPT)


def violations(page):
    """The axe-core violations on the page as it is now."""
    if page.evaluate("() => typeof window.axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", OPTIONS)["violations"]


def describe(url, found):
    lines = [f"{url}: {len(found)} axe-core violation(s)"]
    for violation in found:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)
