import { z } from 'zod';
import type { ConversationItem } from '../model/item.ts';

// The conversation parts of a native record (label-bundle-v1, "Item kind conversation"): the
// item's context and responses, and the answer fields a reader accepts (the model's schema
// checks them per type once read; the writer is the model's geometryOf).

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

export const NativeAnswerFields = {
  field: z.string().optional(),
  shown: z.array(z.string()).optional(),
  choice: z.string().optional(),
  strength: z.number().int().optional(),
  order: z.array(z.array(z.string())).optional(),
  response: z.string().optional(),
  value: z.number().optional(),
};
