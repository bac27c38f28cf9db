"""Steps the browser tests share."""


def sign_in(page, email, password, code=None):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if code:  # city staff: the code of their authenticator app comes second
        page.wait_for_url("**/en/accounts/2fa/authenticate/")
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/workspace/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
