"""What a person does in the desk, step by step, for the browser tests."""

PASSWORD = "correct horse battery staple"


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def choose_in_new_row(page, *, add: str, group: str, typed: str, option: str) -> None:
    """Add an inline row with the ``add`` button, then pick ``option`` in its search box.

    ``group`` is the inline's id (``bylines-group``); ``typed`` is what the editor types
    into the autocomplete before choosing.
    """
    page.get_by_role("button", name=add).click()
    row = page.locator(f"#{group} tr.form-row").filter(has=page.locator("select")).first
    row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.get_by_role("option", name=option).click()
