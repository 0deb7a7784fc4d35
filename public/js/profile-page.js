// The cabinet's password form: NCALayer signs the server's challenge, then the form is posted, as on the sign-in page.
import { signOnSubmit } from './signing-form.js';

const form = document.getElementById('password-form');
if (form) {
  signOnSubmit(form, form.dataset.challenge, () => {
    const { current_password: current, password, password_confirmation: confirmation } = form.elements;
    return current.value && password.value && password.value === confirmation.value ? undefined : form.dataset.textFill;
  });
}
