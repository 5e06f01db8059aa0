// Page object for the widget: what a user sees and does, by label and role.
export class WidgetPage {
  constructor(page) {
    this.page = page;
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }

  heading(name) {
    return this.page.getByRole('heading', { name });
  }

  async signIn(email, password) {
    await this.heading('Sign in').waitFor();
    await this.field('Email').fill(email);
    await this.field('Password').fill(password);
    await this.button('Sign in').click();
  }

  async signedInAs(email) {
    await this.page.getByTestId('cw-who').filter({ hasText: email }).waitFor();
  }
}
