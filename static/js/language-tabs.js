// Language tabs of a form (templates/includes/language_tabs.html): without this script each
// language is a fieldset below the other; with it, one tab per language (Bootstrap's tab
// behaviour: click, arrow keys). The legend stays for screen readers.
document.querySelectorAll("[data-language-tabs]").forEach((box) => {
  box.querySelector("[role=tablist]").hidden = false;
  box.querySelectorAll(".language-pane").forEach((pane) => {
    pane.classList.add("tab-pane");
    pane.setAttribute("role", "tabpanel");
    pane.querySelector("legend").classList.add("visually-hidden");
  });
});

// A link to a field in a closed tab (the error summary's) opens that tab first, so the
// browser can move the focus to the field.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='#']");
  const field = link && link.hash.length > 1 && document.getElementById(link.hash.slice(1));
  const pane = field && field.closest(".language-pane.tab-pane:not(.active)");
  if (pane) {
    const tab = document.querySelector(`[data-bs-target="#${pane.id}"]`);
    window.bootstrap.Tab.getOrCreateInstance(tab).show();
  }
});
