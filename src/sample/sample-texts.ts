import type { TextRecord } from '../import/text-record.ts';

/**
 * Texts chosen to exercise what breaks other tools: emoji with skin tones, ZWJ sequences
 * and flags, combining marks, CJK, right-to-left scripts, CRLF and tabs, and markup that
 * must show as text.
 */
export const SAMPLE_TEXTS: TextRecord[] = [
  {
    name: 'launch-memo.txt',
    text:
      'Ada Lovelace met the Airlock team in Zürich on 3 March 👩🏽‍💻🚀 to review the 🇨🇭 prototype. ' +
      'Grace Hopper from Acme Research joined by video from Boston.',
  },
  {
    name: 'tokyo-lab.txt',
    text: '東京の研究所で、山田太郎さんが新しいモデルを発表しました。北京大学との共同研究です。',
  },
  { name: 'tel-aviv.txt', text: 'דנה כהן הצטרפה למעבדה בתל אביב ביום שני.' },
  { name: 'cairo.txt', text: 'التقت سارة أحمد بفريق البحث في القاهرة لمناقشة النموذج الجديد.' },
  {
    name: 'field-notes.txt',
    text: 'Café and Cafe\u0301 look alike — naïve résumé.\r\nName\tCity\tTeam\r\nMarie Curie\tParis\tRadium 🧪\r\n',
  },
  {
    name: 'pasted-html.txt',
    text: 'This ticket contains <script>alert("x")</script> and <img src=x onerror=alert(1)>: both must show as plain text.',
  },
];
