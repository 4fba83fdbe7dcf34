import { z } from 'zod';
import type { Annotation } from '../model/annotation.ts';
import type { ConversationItem } from '../model/item.ts';
import type { Answer } from '../model/conversation-answers.ts';

// The conversation parts of a native record (label-bundle-v1, "Item kind conversation"):
// the item's context and responses, and the answer types' fields, written and read back.

export function conversationFields(item: ConversationItem) {
  return {
    context: item.context.map((m) => ({ role: m.role, content: m.content })),
    responses: item.responses.map((r) => ({
      id: r.id,
      content: r.content,
      ...(r.model !== undefined ? { model: r.model } : {}),
    })),
  };
}

/** `field` on a span or class, only when it has one (plain text items have none). */
export function field(value: string | undefined): { field?: string } {
  return value === undefined ? {} : { field: value };
}

export function answerFields(a: Answer): Record<string, unknown> {
  switch (a.type) {
    case 'preference':
      return {
        shown: [...a.shown],
        choice: a.choice,
        ...(a.strength !== undefined ? { strength: a.strength } : {}),
      };
    case 'ranking':
      return { shown: [...a.shown], order: a.order.map((tier) => [...tier]) };
    case 'rating':
      return { ...(a.response !== undefined ? { response: a.response } : {}), value: a.value };
    case 'text':
      return { ...(a.response !== undefined ? { response: a.response } : {}), text: a.text };
  }
}

/** Fields the reader accepts on any native annotation; the model's schema checks them after. */
export const NativeAnswerFields = {
  field: z.string().optional(),
  shown: z.array(z.string()).optional(),
  choice: z.string().optional(),
  strength: z.number().int().optional(),
  order: z.array(z.array(z.string())).optional(),
  response: z.string().optional(),
  value: z.number().optional(),
};

interface NativeAnswer {
  shown?: string[] | undefined;
  choice?: string | undefined;
  strength?: number | undefined;
  order?: string[][] | undefined;
  response?: string | undefined;
  value?: number | undefined;
  text?: string | undefined;
}

export function answerFromNative(
  a: NativeAnswer,
  base: Record<string, unknown>,
  type: Answer['type'],
): z.input<typeof Annotation> {
  const optional = <K extends keyof NativeAnswer>(key: K) =>
    a[key] !== undefined ? { [key]: a[key] } : {};
  switch (type) {
    case 'preference':
      return {
        ...base,
        type,
        shown: a.shown,
        choice: a.choice,
        ...optional('strength'),
      } as z.input<typeof Annotation>;
    case 'ranking':
      return { ...base, type, shown: a.shown, order: a.order } as z.input<typeof Annotation>;
    case 'rating':
      return { ...base, type, ...optional('response'), value: a.value } as z.input<
        typeof Annotation
      >;
    case 'text':
      return { ...base, type, ...optional('response'), text: a.text } as z.input<typeof Annotation>;
  }
}
