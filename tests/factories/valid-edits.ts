import type { Annotation } from '../../src/model/annotation.ts';
import type { Item } from '../../src/model/item.ts';
import type { Project } from '../../src/model/project.ts';
import type { KeyPair } from '../../src/bundle/signing.ts';
import { writeBundle } from '../../src/bundle/write-bundle.ts';
import { pickClass } from '../../src/model/class-group.ts';
import { applyChange } from '../../src/model/history.ts';
import { CodePointIndex } from '../../src/model/offsets.ts';
import { clampShape } from '../../src/model/geometry.ts';
import type { Random } from './random.ts';
import { imageItem, textItem } from './bundle.ts';
import { memorySink } from './zip.ts';

// Annotations as the editors make them — spans on code point boundaries with their text,
// classes picked through pickClass (so "choose one" holds), shapes clamped to the image,
// relations between two spans — written into a signed bundle.

const stamp = (id: string, itemId: string) => ({
  id,
  projectId: 'p-1',
  itemId,
  annotator: 'X',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

function textEdits(
  r: Random,
  project: Project,
  item: Extract<Item, { kind: 'text' }>,
): Annotation[] {
  const index = new CodePointIndex(item.text);
  let list: Annotation[] = [];
  let n = 0;
  for (let k = r.int(0, 5); k > 0; k--) {
    const start = r.int(0, index.length - 1);
    const end = r.int(start + 1, index.length);
    list.push({
      ...stamp(`s${n++}`, item.id),
      type: 'span',
      label: 'l-person',
      start,
      end,
      text: index.slice(start, end),
    });
  }
  const classes = project.labels.filter((l) => l.kinds.includes('text_class'));
  for (let k = r.int(0, 4); k > 0; k--) {
    const label = r.pick(classes);
    const chosen = list.filter((a) => a.type === 'class');
    list = applyChange(
      list,
      pickClass(chosen, label, project.labels, project.classGroups, () => ({
        ...stamp(`c${n++}`, item.id),
        type: 'class',
        label: label.id,
      })),
    );
  }
  const spans = list.filter((a) => a.type === 'span');
  if (spans.length >= 2 && r.chance(0.5))
    list.push({
      ...stamp(`r${n++}`, item.id),
      type: 'relation',
      label: 'l-knows',
      from: spans[0]!.id,
      to: spans[1]!.id,
    });
  return list;
}

function imageEdits(r: Random, item: Extract<Item, { kind: 'image' }>): Annotation[] {
  const size = { width: item.width, height: item.height };
  const list: Annotation[] = [];
  for (let k = r.int(0, 6); k > 0; k--) {
    const id = `g${k}`;
    const at = () => [r.float(-20, item.width + 20), r.float(-20, item.height + 20)] as const;
    const kind = r.pick(['box', 'polygon', 'point'] as const);
    const [x, y] = at();
    const shape: Annotation =
      kind === 'box'
        ? {
            ...stamp(id, item.id),
            type: 'box',
            label: 'l-car',
            x,
            y,
            w: r.float(0, 40),
            h: r.float(0, 40),
          }
        : kind === 'point'
          ? { ...stamp(id, item.id), type: 'point', label: 'l-car', x, y }
          : {
              ...stamp(id, item.id),
              type: 'polygon',
              label: 'l-car',
              points: [at(), at(), at()].map(([a, b]) => [a, b] as [number, number]),
            };
    const clamped = clampShape(shape, size);
    if (clamped) list.push(clamped);
  }
  return list;
}

export async function bundleOfValidEdits(r: Random, project: Project, key: KeyPair) {
  const sink = memorySink();
  await writeBundle(
    {
      project,
      items: [
        { item: textItem, annotations: textEdits(r, project, textItem as never) },
        { item: imageItem, annotations: imageEdits(r, imageItem as never) },
      ],
    },
    sink,
    { signer: { name: 'Ada', ...key }, appVersion: '0.1.0' },
  );
  return sink.bytes();
}
