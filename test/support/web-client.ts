/**
 * A browser's part in a sign-in, over plain HTTP: fetch with redirects left to the test (each hop
 * is something to look at), and a cookie jar. The jar keeps cookies by name and ignores their
 * domain and path, which is all the local server and its provider need (one origin).
 */

/** An HTTP client that keeps cookies. */
export class WebClient {
  /** Cookies by name, as the server last set them. */
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  /** A request to `target` (absolute, or a path of the base), with the jar's cookies and a form if given. */
  async request(
    target: string,
    options: {
      readonly method?: 'GET' | 'POST';
      readonly form?: Readonly<Record<string, string>>;
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(new URL(target, this.base), {
      method: options.method ?? (options.form === undefined ? 'GET' : 'POST'),
      headers,
      redirect: 'manual',
      ...(options.form === undefined ? {} : { body: new URLSearchParams(options.form).toString() }),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = setCookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects from `response` until an answer that is not one, or one to a URL `stop` accepts. */
  async follow(response: Response, stop: (url: URL) => boolean = () => false): Promise<Response> {
    let current = response;
    for (let hops = 0; hops < 10; hops += 1) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || location === null) return current;
      const next = new URL(location, current.url === '' ? this.base : current.url);
      if (stop(next)) return current;
      current = await this.request(next.href);
    }
    throw new Error('more than 10 redirects');
  }
}
