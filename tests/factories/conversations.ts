import type { ConversationItem } from '../../src/model/item.ts';
import type { Message, Response } from '../../src/model/conversation.ts';
import type {
  ClassAnnotation,
  PreferenceAnnotation,
  RankingAnnotation,
  RatingAnnotation,
  TextAnnotation,
} from '../../src/model/annotation.ts';

// Builders of conversation items and answers for format and agreement tests.

const AT = '2026-01-02T03:04:05.000Z';
let n = 0;

export function conversation(
  name: string,
  context: Message[],
  responses: Response[],
  seq = ++n,
): ConversationItem {
  return {
    id: `conv-${seq}`,
    projectId: 'project-1',
    seq,
    kind: 'conversation',
    name,
    context,
    responses,
    sha256: (5_000_000 + seq).toString(16).padStart(64, '0'),
    status: 'done',
    note: '',
    createdAt: AT,
    updatedAt: AT,
  };
}

function base(item: ConversationItem, label: string, annotator = 'a1b2c3d4e5f60718') {
  const at = new Date(Date.parse(AT) + ++n * 1000).toISOString();
  return {
    id: `ans-${n}`,
    projectId: 'project-1',
    itemId: item.id,
    label,
    annotator,
    createdAt: at,
    updatedAt: at,
  };
}

export function preference(
  item: ConversationItem,
  label: string,
  shown: [string, string],
  choice: string,
  strength?: number,
  annotator?: string,
): PreferenceAnnotation {
  return {
    ...base(item, label, annotator),
    type: 'preference',
    shown,
    choice,
    ...(strength !== undefined ? { strength } : {}),
  };
}

export function ranking(
  item: ConversationItem,
  label: string,
  order: string[][],
  annotator?: string,
): RankingAnnotation {
  return { ...base(item, label, annotator), type: 'ranking', shown: order.flat(), order };
}

export function rating(
  item: ConversationItem,
  label: string,
  value: number,
  response?: string,
  annotator?: string,
): RatingAnnotation {
  return {
    ...base(item, label, annotator),
    type: 'rating',
    value,
    ...(response ? { response } : {}),
  };
}

export function words(
  item: ConversationItem,
  label: string,
  text: string,
  response?: string,
): TextAnnotation {
  return { ...base(item, label), type: 'text', text, ...(response ? { response } : {}) };
}

export function flag(item: ConversationItem, label: string, response: string): ClassAnnotation {
  return { ...base(item, label), type: 'class', field: `response:${response}` };
}
