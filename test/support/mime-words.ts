/**
 * Reads a MIME header as a mail program shows it: RFC 2047 encoded words (`=?UTF-8?B?...?=`,
 * `=?UTF-8?Q?...?=`) decoded, folded lines unfolded, so a test can assert on a non-ASCII subject.
 */

/** The header's text with its encoded words decoded (adjacent words joined, as RFC 2047 says). */
export function decodeMimeWords(header: string): string {
  const unfolded = header.replace(/\r?\n[ \t]/g, ' ').replace(/\?=\s+=\?/g, '?==?');
  return unfolded.replace(/(=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].flatMap(([, encoding, text = '']) =>
      encoding?.toLowerCase() === 'b'
        ? [...Buffer.from(text, 'base64')]
        : [...text.replace(/_/g, ' ').matchAll(/=([0-9a-f]{2})|([^=])/gi)].map(([, hex, char]) =>
            hex === undefined ? (char ?? '').charCodeAt(0) : Number.parseInt(hex, 16),
          ),
    );
    // Words may split a character's bytes between them: decode the run as one.
    return Buffer.from(bytes).toString('utf8');
  });
}
