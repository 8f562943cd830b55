import MarkdownIt from "markdown-it";

/**
 * Article bodies are untrusted markdown. They are rendered here, once, by markdown-it with raw
 * HTML off, and never pass through a template engine: `{{ … }}` and `{% … %}` in an article are
 * just text.
 */

const ALLOWED_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** True for absolute http, https and mailto URLs; everything else (javascript:, data:, relative) is refused. */
export function isAllowedLink(url: string): boolean {
  try {
    return ALLOWED_LINK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = isAllowedLink;
  // Remote images would let any article make readers' browsers call a third party: not rendered.
  md.disable("image");
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet("rel", "nofollow noopener noreferrer");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

/** HTML for an article body. Safe to insert into a page as is. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
