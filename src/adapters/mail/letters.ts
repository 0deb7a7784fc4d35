import { join } from 'node:path';
import pug from 'pug';
import type { LetterLocals, LetterName, RenderLetter } from '../../domain/mail.ts';
import { LETTER_TEXTS, type LetterTexts } from './letter-texts.ts';

const VIEWS = join(import.meta.dirname, '../../../views/mail');
const compiled = new Map<LetterName, pug.compileTemplate>();

/**
 * The plain-text part: the paragraphs of views/mail/<name>.pug in the same order, each link on a line of its own so
 * that text-only mail clients still make it clickable.
 */
const TEXT_PARTS: { readonly [N in LetterName]: (t: LetterTexts[N], locals: LetterLocals[N]) => readonly string[] } = {
  'password-reset': (t, { link }) => [t.intro, link, t.validity, t.notYou],
  'password-changed': (t, { link }) => [t.changed, t.notYou, link],
  'registration-confirm': (t, { link }) => [t.intro, `${t.action}: ${link}`, t.validity, t.notYou],
  'email-change-confirm': (t, { link }) => [t.intro, `${t.action}: ${link}`, t.validity, t.notYou],
  'email-change-requested': (t, { newEmail, link }) => [t.intro.replace('{email}', newEmail), t.pending, t.notYou, `${t.action}: ${link}`],
  'email-change-taken': (t, { link }) => [t.intro, t.hint, `${t.action}: ${link}`, t.notYou],
  'password-changed-in-cabinet': (t, { link }) => [t.changed, t.notYou, link],
};

function template(name: LetterName): pug.compileTemplate {
  let compiledTemplate = compiled.get(name);
  if (!compiledTemplate) {
    compiledTemplate = pug.compileFile(join(VIEWS, `${name}.pug`));
    compiled.set(name, compiledTemplate);
  }
  return compiledTemplate;
}

/** Renders views/mail/<name>.pug and its plain-text twin in the person's language; templates compile once per process. */
export const renderLetter: RenderLetter = (name, locale, locals) => {
  const texts = LETTER_TEXTS[locale];
  const t = texts[name];
  const greeting = `${texts.greeting}${locals.name ? `, ${locals.name}` : ''}!`;
  const html = template(name)({ ...locals, locale, subject: t.subject, greeting, automatic: texts.automatic, t });
  // "-- " is the signature delimiter mail clients recognise.
  const text = [greeting, ...TEXT_PARTS[name](t, locals), `-- \n${texts.automatic}`].join('\n\n');
  return { subject: t.subject, text: `${text}\n`, html };
};
