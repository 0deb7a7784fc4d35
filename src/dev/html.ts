/** For the development pages, which are built as strings: text and attribute values made safe for HTML. */
export const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Where a developer goes next from one development page to another. */
export const DEV_LINKS = '<p class="hint"><a href="/demo">Демо-портал</a> · <a href="/register">Регистрация</a> · <a href="/dev/ncalayer">Ключи NCALayer</a> · <a href="/dev/outbox">Исходящие письма и SMS</a></p>';
