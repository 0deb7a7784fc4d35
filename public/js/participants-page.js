// «Участники ЮЛ»: «Исключить» and «Восстановить» ask in a native dialog, as Keden does. Without this script the forms
// post without confirm=yes and the server shows the same question in the row instead, so nothing depends on it.
const dialog = document.getElementById('participant-confirm');
const question = document.getElementById('participant-confirm-question');
const confirmButton = dialog.querySelector('button[value=confirm]');
let pending = null;

dialog.addEventListener('close', () => {
  const form = pending;
  pending = null;
  if (!form || dialog.returnValue !== 'confirm') return;
  const confirm = document.createElement('input');
  Object.assign(confirm, { type: 'hidden', name: 'confirm', value: 'yes' });
  form.append(confirm);
  form.submit();
});

for (const form of document.querySelectorAll('form.participant-exclude, form.participant-restore')) {
  form.addEventListener('submit', (event) => {
    if (form.elements.confirm) return;
    event.preventDefault();
    pending = form;
    question.textContent = form.dataset.question;
    confirmButton.textContent = form.dataset.confirmLabel;
    dialog.returnValue = '';
    dialog.showModal();
  });
}

// «Отмена» in the add and edit forms only folds the form away; the link (back to the same page) is for no script.
for (const cancel of document.querySelectorAll('details .cancel')) {
  cancel.addEventListener('click', (event) => {
    event.preventDefault();
    cancel.closest('details').open = false;
  });
}

// The number of rows applies as soon as it is chosen; the button is for browsers without this script.
const perPage = document.getElementById('participants-per-page');
perPage.querySelector('button').hidden = true;
perPage.elements.per_page.addEventListener('change', () => perPage.submit());
