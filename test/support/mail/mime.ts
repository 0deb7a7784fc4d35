// Just enough MIME to read what nodemailer sends: a multipart/alternative of a text and an HTML part, base64 or
// quoted-printable, and RFC 2047 encoded words in the subject.

export interface ParsedLetter {
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function entity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const lines = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { headers, body: raw.slice(end + 4) };
}

/** `=XX` escapes as bytes, so multi-byte UTF-8 decodes whole. */
function escapedBytes(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '=') {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodedBody(body: string, encoding: string | undefined): string {
  const decoded = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8')
    : encoding === 'quoted-printable' ? escapedBytes(body.replace(/=\r\n/g, ''))
      : body;
  return decoded.replace(/\r\n/g, '\n');
}

const decodedWords = (value: string) =>
  value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : escapedBytes(data.replace(/_/g, ' ')));

export function parseLetter(raw: string): ParsedLetter {
  const { headers, body } = entity(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (!headers.get('content-type')?.startsWith('multipart/alternative') || !boundary) throw new Error(`not a text + HTML letter: ${headers.get('content-type')}`);
  const parts = body.split(`--${boundary}`).slice(1, -1).map((part) => entity(part.replace(/^\r\n/, '')));
  const partOf = (type: string) => {
    const part = parts.find((candidate) => candidate.headers.get('content-type')?.startsWith(type));
    if (!part) throw new Error(`no ${type} part`);
    return decodedBody(part.body, part.headers.get('content-transfer-encoding'));
  };
  return { headers, subject: decodedWords(headers.get('subject') ?? ''), text: partOf('text/plain'), html: partOf('text/html') };
}
