// Text that must fit its box: measuring, cutting with an ellipsis, wrapping, box sizes from measured
// text, and the automatic zoom of a wide diagram in a narrow panel.
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Measure, TextStyle } from '../../../webview/diagram';
import { autoZoom, BOX_MAX_W, BOX_MIN_W, boxText, edgeLabel, elementSize, esc, estimateWidth, fitText, fitZoom, FONT_PX, LABEL_MAX_W, layoutDiagram, MAX_REASON_LINES, MIN_AUTO_ZOOM, MIN_ZOOM, renderSvg, wrapText } from '../../../webview/diagram';
import type { ViewElement } from '../../../webview/viewModel';
import { fromText, sample } from './helpers';

const LONG = readFileSync('test/web/fixtures/long-names.yaml', 'utf8');
const SVC63 = 'checkout-payment-gateway-service-for-the-europe-west-region-v23';
const reEsc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One px per character: easy numbers. */
const perChar: Measure = (t) => Array.from(t).length;
/** A proportional font, wider than the estimate for capitals and m/w (as a user's editor font may be). */
const proportional: Measure = (t, style) => {
  let em = 0;
  for (const ch of t) em += /[A-Z]/.test(ch) ? 0.72 : /[mwMW@%]/.test(ch) ? 0.9 : /[il.,:;'|! ]/.test(ch) ? 0.3 : 0.58;
  return em * FONT_PX[style];
};

test('estimateWidth: 0.6 em a character, 1 em for wide characters, nothing for combining marks', () => {
  assert.equal(estimateWidth('abcde', 'line'), 5 * 0.6 * 11);
  assert.equal(estimateWidth('', 'title'), 0);
  assert.equal(estimateWidth('漢字', 'line'), 2 * 11);
  assert.equal(estimateWidth('😀', 'label'), 10.5);
  assert.equal(estimateWidth('e\u0301', 'line'), 0.6 * 11);
});

test('FONT_PX agrees with the font sizes styles.css gives the diagram text', () => {
  const css = readFileSync('webview/styles.css', 'utf8');
  const size = (selector: string) => Number(new RegExp(`${selector.replace(/[.]/g, '\\.')} \\{[^}]*font-size: ([\\d.]+)px`).exec(css)?.[1]);
  assert.equal(size('svg .el .title'), FONT_PX.title);
  assert.equal(size('svg .el .line'), FONT_PX.line);
  assert.equal(size('svg .el .reason'), FONT_PX.reason);
  assert.equal(size('svg .edge-label'), FONT_PX.label);
});

test('fitText: unchanged when it fits; otherwise the most characters that fit, with an ellipsis', () => {
  assert.equal(fitText('abcdef', 6, perChar, 'line'), 'abcdef');
  assert.equal(fitText('abcdefgh', 6, perChar, 'line'), 'abcde…');
  assert.equal(fitText('abc defgh', 5, perChar, 'line'), 'abc…', 'no space before the ellipsis');
  // In the middle: both ends stay, so pods of one Deployment stay apart by their hash.
  assert.equal(fitText('web-7d9f8b6c5-x2x4k', 12, perChar, 'title', 'middle'), 'web-7d…x2x4k');
  assert.equal(fitText('web-7d9f8b6c5-q8z1m', 12, perChar, 'title', 'middle'), 'web-7d…q8z1m');
  assert.equal(fitText('abcdef', 1, perChar, 'line'), '…');
  assert.equal(fitText('abcdef', 0.5, perChar, 'line'), '', 'not even the ellipsis fits');
  // Never half a surrogate pair.
  assert.equal(fitText('ab😀😀😀cd', 4, perChar, 'line'), 'ab😀…');
});

test('fitText (property): the result fits, is a cut of the text, and one more character would not fit', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 0, max: 400 }), fc.constantFrom<TextStyle>('title', 'line', 'label'), fc.constantFrom<'end' | 'middle'>('end', 'middle'), (text, max, style, cut) => {
      const out = fitText(text, max, estimateWidth, style, cut);
      if (estimateWidth(text, style) <= max) return assert.equal(out, text);
      if (out === '') return assert.ok(estimateWidth('…', style) > max);
      assert.ok(estimateWidth(out, style) <= max + 1e-9, `${out} wider than ${max}`);
      assert.ok(out.endsWith('…') || cut === 'middle');
      const [head, tail = ''] = out.split('…');
      assert.ok(text.startsWith(head!.trimEnd()) && text.endsWith(tail));
      return undefined;
    }),
    { numRuns: 400, seed: 15 },
  );
});

test('wrapText: breaks at spaces, breaks a word longer than a line, ends with an ellipsis past the last line', () => {
  assert.deepEqual(wrapText('one two three', 20, perChar, 'reason', 2), ['one two three']);
  assert.deepEqual(wrapText('one two three four', 9, perChar, 'reason', 3), ['one two', 'three', 'four']);
  assert.deepEqual(wrapText('abcdefghijkl', 5, perChar, 'reason', 3), ['abcde', 'fghij', 'kl']);
  assert.deepEqual(wrapText('one two three four', 9, perChar, 'reason', 2), ['one two', 'three fo…']);
  assert.deepEqual(wrapText('   ', 9, perChar, 'reason', 2), []);
  assert.deepEqual(wrapText('abc', 0, perChar, 'reason', 2), ['a', ''], 'a zero-width line still ends');
});

test('wrapText (property): at most maxLines lines, each fits, and nothing is lost when it all fits', () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z:"=≠-]{1,14}$/), { maxLength: 20 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 1, max: 4 }), (words, max, lines) => {
      const text = words.join(' ');
      const out = wrapText(text, max, estimateWidth, 'reason', lines);
      assert.ok(out.length <= lines);
      for (const l of out) assert.ok(estimateWidth(l, 'reason') <= max + 1e-9, `${l} wider than ${max}`);
      if (!out.at(-1)?.endsWith('…')) assert.equal(out.join(' ').replace(/\s+/g, ''), text.replace(/\s+/g, ''));
    }),
    { numRuns: 300, seed: 16 },
  );
});

/** Checks that every text of every box and edge label fits, as renderSvg draws it. */
function assertAllFits(name: string, vm: ReturnType<typeof fromText>['vm'], measure: Measure): void {
  const l = layoutDiagram(vm, measure);
  for (const e of vm.elements) {
    const b = l.boxes.get(e.id)!;
    assert.ok(b.width >= BOX_MIN_W && (b.width <= BOX_MAX_W || e.kind === 'node'), `${name}: ${e.id} width ${b.width}`);
    const t = boxText(e, b.width, measure);
    const inner = b.width - 20;
    assert.ok(measure(`x ${t.title}`, 'title') + (e.problems.length ? 26 : 0) <= inner + 1, `${name}: title of ${e.id} (${t.title})`);
    for (const s of t.lines) assert.ok(measure(s, 'line') <= inner + 1e-9, `${name}: line of ${e.id}: ${s}`);
    for (const s of t.reasons) assert.ok(measure(s, 'reason') <= inner + 1e-9, `${name}: reason of ${e.id}: ${s}`);
    assert.ok(t.reasons.length <= MAX_REASON_LINES);
    assert.ok(b.height >= 22 + (t.lines.length + t.reasons.length) * 15, `${name}: ${e.id} tall enough for its lines`);
  }
  for (const e of vm.edges) {
    const g = l.edges.get(e.id);
    if (!g?.label) continue;
    const shown = edgeLabel(e.label, measure);
    assert.ok(g.label.width <= LABEL_MAX_W && measure(shown.text, 'label') + 8 <= g.label.width + 1, `${name}: label of ${e.id}: ${shown.text}`);
  }
}

test('every sample and the long-names manifest: all text fits its box, with the estimate and with a proportional font', () => {
  const names = readdirSync('samples').filter((n) => n.endsWith('.yaml'));
  for (const measure of [estimateWidth, proportional]) {
    for (const n of names) assertAllFits(n, sample(n).vm, measure);
    assertAllFits('long-names', fromText(LONG).vm, measure);
  }
});

test('a 63-character Service name: the box stops at its maximum width, the name is cut in the middle, the full name is in the tooltip and the accessible name', () => {
  const b = fromText(LONG);
  const svc = b.vm.elements.find((e) => e.title === SVC63)!;
  assert.equal(SVC63.length, 63);
  assert.equal(elementSize(svc).width, BOX_MAX_W);
  const t = boxText(svc, BOX_MAX_W);
  assert.match(t.title, /^checkout-payment.*….*region-v23$/);
  const svg = renderSvg(b.vm, layoutDiagram(b.vm));
  const group = new RegExp(`<g class="el kind-service[^"]*" data-id="svc:default/${SVC63}"[^>]*aria-label="([^"]*)"[^>]*><title>([^<]*)</title>`).exec(svg);
  assert.ok(group, 'the Service is drawn');
  assert.match(group[1]!, new RegExp(`Service ${SVC63}`));
  assert.match(group[2]!, new RegExp(`^Service ${SVC63}\\n`));
  assert.ok(svg.includes(`> ${t.title}</text>`));
  // An edge label cut short keeps the whole label in its group's title; the cut text is hidden from screen readers.
  const edge = b.vm.edges.find((e) => e.label.includes(SVC63))!;
  assert.ok(edgeLabel(edge.label).text.endsWith('…'));
  const drawn = new RegExp(`<g class="edge[^"]*" data-edge="${reEsc(esc(edge.id))}"[^>]*><title>${reEsc(esc(edge.label))}</title><path [^>]*/><rect [^>]*/><text class="edge-label"[^>]*aria-hidden="true">([^<]*)</text>`).exec(svg);
  assert.ok(drawn, 'the edge is drawn with its label');
  assert.equal(drawn[1], esc(edgeLabel(edge.label).text));
});

test('a pod whose reason is long: the reason wraps onto two lines inside the box and the rest is cut; the whole reason is announced', () => {
  const b = fromText(LONG);
  const pod = b.vm.elements.find((e): e is ViewElement => e.kind === 'pod' && e.reasons.some((r) => r.startsWith('label differs')))!;
  const reason = pod.reasons.find((r) => r.startsWith('label differs'))!;
  assert.ok(estimateWidth(reason, 'reason') > BOX_MAX_W * 2, 'the fixture reason is longer than two lines');
  const size = elementSize(pod);
  assert.equal(size.width, BOX_MAX_W);
  const t = boxText(pod, size.width);
  assert.equal(t.reasons.length, 2);
  assert.ok(t.reasons[1]!.endsWith('…'));
  assert.ok(reason.startsWith(t.reasons[0]!));
  assert.equal(size.height, 22 + (pod.lines.length + 2) * 15 + 10);
  const svg = renderSvg(b.vm, layoutDiagram(b.vm));
  const group = new RegExp(`<g class="el kind-pod[^"]*" data-id="${esc(pod.id)}"[^>]*aria-label="([^"]*)"[^>]*><title>([^<]*)</title>`).exec(svg);
  assert.ok(group, 'the pod is drawn');
  assert.ok(group[1]!.includes(esc(reason)), 'the aria-label has the whole reason');
  assert.ok(group[2]!.includes(`• ${esc(reason)}`), 'the tooltip has the whole reason');
});

test('three reasons: at most MAX_REASON_LINES lines are drawn', () => {
  const base = fromText(LONG).vm.elements.find((e) => e.kind === 'pod')!;
  const pod: ViewElement = { ...base, reasons: ['first reason that is long enough to need two lines in a pod box of maximum width', 'second reason, also long enough to wrap onto a second line of the box', 'third'] };
  const t = boxText(pod, elementSize(pod).width);
  assert.equal(t.reasons.length, MAX_REASON_LINES);
  assert.equal(elementSize(pod).height, 22 + (pod.lines.length + MAX_REASON_LINES) * 15 + 10);
});

test('autoZoom: 100 % when the diagram fits, else fit to the width, never below MIN_AUTO_ZOOM; fitZoom goes lower', () => {
  assert.equal(autoZoom(800, 1000), 1);
  assert.equal(autoZoom(1000, 1000), 1);
  assert.equal(autoZoom(2000, 1500), 0.75);
  assert.equal(autoZoom(3000, 2000), 0.66, 'rounded down, so that it fits');
  assert.ok(Math.round(3000 * autoZoom(3000, 2000)) <= 2000);
  assert.equal(autoZoom(2052, 405), MIN_AUTO_ZOOM);
  assert.equal(autoZoom(0, 400), 1);
  assert.equal(autoZoom(Number.NaN, 400), 1);
  assert.equal(autoZoom(2000, 0), 1, 'a hidden panel (no width yet) keeps 100 %');
  assert.equal(fitZoom(2052, 405), 0.19 < MIN_ZOOM ? MIN_ZOOM : 0.19);
  assert.equal(fitZoom(1000, 405), 0.4);
  assert.equal(fitZoom(10000, 405), MIN_ZOOM);
  assert.equal(fitZoom(300, 405), 1);
  for (const [w, a] of [[1234, 567], [4000, 3999], [901, 900]] as const) assert.ok(Math.round(w * fitZoom(w, a)) <= a, `${w} in ${a}`);
});

test('a megabyte-long name is cut from its ends only, and its tooltip and accessible name are shortened', () => {
  const huge = 'a'.repeat(500_000) + '🙂' + 'z'.repeat(500_000);
  const end = fitText(huge, 200, estimateWidth, 'title');
  const middle = fitText(huge, 200, estimateWidth, 'title', 'middle');
  assert.match(end, /^a+…$/);
  assert.match(middle, /^a+…z+$/);
  for (const t of [end, middle]) assert.ok(estimateWidth(t, 'title') <= 200);
  const lines = wrapText(huge, 200, estimateWidth, 'reason', 3);
  assert.equal(lines.length, 3);
  assert.ok(lines[2]!.endsWith('…'));
  for (const l of lines) assert.ok(estimateWidth(l, 'reason') <= 200);
  // A Service with a megabyte name (invalid, but it must not take the webview down). Element ids keep the
  // whole name (they must stay unique); tooltips and accessible names no longer repeat it (29 MB of SVG before).
  const name = 'x'.repeat(1_000_000);
  const b = fromText(`apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`);
  const svg = renderSvg(b.vm, layoutDiagram(b.vm));
  assert.ok(svg.length < 10_000_000, `SVG of ${svg.length} characters`);
  assert.ok(!/aria-label="[^"]{10000}/.test(svg), 'no accessible name holds the whole megabyte');
  assert.match(svg, /<title>Service x{10,}… \([\d,]+ more characters\)/);
});
