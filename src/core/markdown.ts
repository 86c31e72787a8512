// Safe Markdown building for hovers: text taken from a manifest must render as text, never as
// links, images, HTML or formatting (VS Code shows hovers as untrusted Markdown).
import { headOf } from './text';

const PUNCT = /[\\`*_{}[\]()<>#+\-.!|~&"':=]/g;
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** Manifest text longer than this is shortened in hovers: a megabyte-long value must not become a megabyte of hover. */
export const MAX_SHOWN_CHARS = 300;

/** The text cut to MAX_SHOWN_CHARS (never inside a surrogate pair), and how many characters were left out. */
function clip(text: string): { shown: string; omitted: number } {
  const shown = headOf(text, MAX_SHOWN_CHARS);
  return { shown, omitted: text.length - shown.length };
}

function omittedNote(omitted: number): string {
  return omitted > 0 ? ` … (${omitted.toLocaleString('en-US')} more character${omitted === 1 ? '' : 's'})` : '';
}

/**
 * Escapes a string for use inline in Markdown: every character that CommonMark or GitHub-flavoured
 * Markdown could read as syntax (links, images, HTML, emphasis, code, entities) gets a backslash,
 * and line breaks and control characters become one space.
 */
export function escapeMarkdown(text: string): string {
  const { shown, omitted } = clip(String(text));
  return shown.replace(CONTROL, ' ').replace(PUNCT, (c) => '\\' + c) + omittedNote(omitted);
}

/**
 * Renders a manifest string as an inline code span. Code spans are literal in CommonMark (no links,
 * no HTML), so only the fence length and line breaks need care.
 */
export function mdCode(text: string): string {
  const { shown, omitted } = clip(String(text));
  const s = shown.replace(CONTROL, ' ');
  if (s === '') return '`""`';
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '') ? ' ' : '';
  return fence + pad + s + pad + fence + omittedNote(omitted);
}

/** Turns hover Markdown into plain text for a terminal: drops emphasis markers and backslash escapes. */
export function markdownToPlain(md: string): string {
  return md
    .replace(/(^|[^\\])\[([^\]]*)\]\((https:\/\/[^)\s]+)\)/g, '$1$2: $3')
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_{}[\]()<>#+\-.!|~&"':=])/g, '$1');
}
