import { execFileSync } from 'node:child_process';

// The bench's texts mix scripts (東京, שלום, 👩🏽‍💻). With no font for a script, Chromium
// looks for one again on every layout of text in it: measured here, a paragraph with CJK
// words laid out 5–8× slower than Latin with no CJK font installed, and 1.0–1.3× with one; with
// emoji, 11–19× slower with no emoji font. A labeler's machine that shows these scripts has
// fonts for them, so the figures say which fonts the machine had.

const SCRIPTS = { CJK: ':lang=ja', Hebrew: ':lang=he', emoji: ':charset=1f469' };

/** The first font family fontconfig lists for a pattern, or "none". */
function firstFamily(pattern: string): string {
  try {
    const out = execFileSync('fc-list', [pattern, 'family'], { encoding: 'utf8' });
    const families = out.split('\n').map((line) => line.split(',')[0]!.trim());
    return families.filter(Boolean).sort()[0] ?? 'none';
  } catch {
    return 'unknown (no fc-list)';
  }
}

/** "CJK WenQuanYi Zen Hei, Hebrew DejaVu Sans, emoji none": the fonts Chromium can draw the bench's scripts with. */
export function scriptFonts(): string {
  return Object.entries(SCRIPTS)
    .map(([script, pattern]) => `${script} ${firstFamily(pattern)}`)
    .join(', ');
}

/** The scripts of the bench's texts that no installed font covers. */
export function missingScripts(fonts: string): string[] {
  return fonts
    .split(', ')
    .filter((entry) => entry.endsWith(' none'))
    .map((entry) => entry.split(' ')[0]!);
}
