// `scheme://user:password@host`: the password part of a URL's user information.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):[^\s/?#@]*@/gi;

/** Text with the password of every URL in it replaced, so a line can be shown or logged. */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@');
}
