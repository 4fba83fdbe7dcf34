import type { Annotation } from '../src/model/annotation.ts';
import {
  agreementReport,
  type AgreementInput,
  type AgreementItem,
} from '../src/model/agreement/report.ts';
import type { Label, LabelKind } from '../src/model/label.ts';
import { distribution } from './measure.ts';
import { seeded, type Figures } from './workloads.ts';

// Agreement for a project three labelers did in full: 10,000 texts (class groups and spans)
// and 1,000 images (boxes and polygons), their annotations jittered against each other the
// way real labelers differ. Pure computation, timed in Node's V8 (the engine Chromium runs
// it on), so the figure is the report's own cost, without the page around it.

const ANNOTATORS = ['ann', 'bob', 'cy'];
const AT = '2026-11-23T00:00:00.000Z';

function label(id: string, kind: LabelKind, group?: string): Label {
  return { id, name: id, color: '#000000', kinds: [kind], ...(group !== undefined && { group }) };
}

export function agreementProject(texts: number, images: number, seed = 1): AgreementInput {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const labels = [
    ...['positive', 'neutral', 'negative'].map((id) => label(id, 'text_class', 'tone')),
    ...['sports', 'politics', 'science', 'culture'].map((id) => label(id, 'text_class', 'topics')),
    ...['PER', 'ORG', 'LOC'].map((id) => label(id, 'span')),
    ...['car', 'person'].map((id) => label(id, 'box')),
    label('road', 'polygon'),
  ];
  const annotations: Annotation[] = [];
  let n = 0;
  const add = (itemId: string, who: string, rest: Record<string, unknown>) =>
    annotations.push({
      id: `a${++n}`,
      projectId: 'p',
      itemId,
      annotator: who,
      createdAt: AT,
      updatedAt: AT,
      ...rest,
    } as Annotation);
  const items: AgreementItem[] = [];
  for (let t = 0; t < texts; t++) {
    const id = `t${t}`;
    items.push({ id, kind: 'text' });
    const tone = pick(['positive', 'neutral', 'negative']);
    const spans = Array.from({ length: 10 }, (_, s) => ({
      start: s * 30 + Math.floor(random() * 10),
      length: 3 + Math.floor(random() * 12),
      label: pick(['PER', 'ORG', 'LOC']),
    }));
    for (const who of ANNOTATORS) {
      add(id, who, {
        type: 'class',
        label: random() < 0.8 ? tone : pick(['positive', 'neutral', 'negative']),
      });
      for (const topic of ['sports', 'politics', 'science', 'culture']) {
        if (random() < 0.3) add(id, who, { type: 'class', label: topic });
      }
      for (const s of spans) {
        const r = random();
        if (r < 0.05) continue; // missed
        const shift = r < 0.8 ? 0 : Math.floor(random() * 5) - 2;
        const start = Math.max(0, s.start + shift);
        add(id, who, {
          type: 'span',
          label: r > 0.97 ? pick(['PER', 'ORG', 'LOC']) : s.label,
          start,
          end: start + s.length,
          text: '',
        });
      }
    }
  }
  for (let i = 0; i < images; i++) {
    const id = `i${i}`;
    items.push({ id, kind: 'image' });
    const boxes = Array.from({ length: 20 }, () => ({
      x: random() * 1800,
      y: random() * 1000,
      w: 20 + random() * 200,
      h: 20 + random() * 200,
      label: pick(['car', 'person']),
    }));
    const roads = Array.from({ length: 5 }, () => ({ cx: random() * 1800, cy: random() * 1000 }));
    for (const who of ANNOTATORS) {
      const jitter = () => (random() - 0.5) * 12;
      for (const b of boxes) {
        if (random() < 0.05) continue;
        add(id, who, {
          type: 'box',
          label: b.label,
          x: b.x + jitter(),
          y: b.y + jitter(),
          w: b.w + jitter(),
          h: b.h + jitter(),
        });
      }
      for (const road of roads) {
        const points = Array.from({ length: 24 }, (_, k) => {
          const angle = (k / 24) * 2 * Math.PI;
          const radius = (k % 2 === 0 ? 80 : 40) + jitter();
          return [road.cx + radius * Math.cos(angle), road.cy + radius * Math.sin(angle)];
        });
        add(id, who, { type: 'polygon', label: 'road', points });
      }
    }
  }
  return {
    labels,
    classGroups: [
      { id: 'tone', name: 'Tone', choice: 'one' },
      { id: 'topics', name: 'Topics', choice: 'any' },
    ],
    annotators: ANNOTATORS,
    items,
    annotations,
  };
}

/** Many spans in one long document: the worst case of one-to-one matching. */
function longDocument(spans: number): AgreementInput {
  const random = seeded(2);
  const annotations: Annotation[] = [];
  for (const who of ['ann', 'bob']) {
    for (let s = 0; s < spans; s++) {
      const start = s * 20 + (random() < 0.8 ? 0 : 1);
      annotations.push({
        id: `${who}${s}`,
        projectId: 'p',
        itemId: 'doc',
        label: 'PER',
        annotator: who,
        createdAt: AT,
        updatedAt: AT,
        type: 'span',
        start,
        end: start + 8,
        text: '',
      });
    }
  }
  return {
    labels: [label('PER', 'span')],
    classGroups: [],
    annotators: ['ann', 'bob'],
    items: [{ id: 'doc', kind: 'text' }],
    annotations,
  };
}

/**
 * Times the report on fresh copies of the input: polygon outlines are prepared once per
 * annotation object and kept, and a review opens on annotations just read from storage.
 */
function timed(input: AgreementInput, runs: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let report = agreementReport(structuredClone(input)); // warm-up: compiled code, not data
  for (let r = 0; r < runs; r++) {
    const fresh = structuredClone(input);
    const started = performance.now();
    const used = process.cpuUsage();
    report = agreementReport(fresh);
    const { user, system } = process.cpuUsage(used);
    wall.push(performance.now() - started);
    cpu.push((user + system) / 1000);
  }
  return { report, ms: distribution(wall), cpuMs: distribution(cpu) };
}

export function agreement(): Promise<Figures> {
  const project = agreementProject(10_000, 1_000);
  const { report, ms, cpuMs } = timed(project, 5);
  const long = timed(longDocument(2_000), 5);
  return Promise.resolve({
    annotators: ANNOTATORS.length,
    items: project.items.length,
    annotations: project.annotations.length,
    rows: report.rows.length,
    itemsWithDisagreement: Object.values(report.items).filter((k) => k.length > 0).length,
    reportMs: { p50: ms.p50, max: ms.max },
    // CPU time of this process: steadier than wall time when the cores are shared.
    reportCpuMs: { p50: cpuMs.p50, max: cpuMs.max },
    oneDocument2000SpansEachMs: { p50: long.ms.p50, max: long.ms.max },
  });
}
