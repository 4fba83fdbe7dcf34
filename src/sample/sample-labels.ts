import type { Label } from '../model/label.ts';
import { newId } from '../model/ids.ts';

export function sampleLabels(): Label[] {
  const label = (name: string, color: string, hotkey: string, kinds: Label['kinds']): Label => ({
    id: newId(),
    name,
    color,
    hotkey,
    kinds,
  });
  return [
    label('Person', '#e6194b', '1', ['span']),
    label('Organization', '#4363d8', '2', ['span']),
    label('Location', '#3cb44b', '3', ['span']),
    label('Works with', '#911eb4', 'w', ['relation']),
    label('Urgent', '#f58231', 'u', ['text_class']),
    label('Off-topic', '#808000', 'o', ['text_class']),
    label('House', '#e6194b', '1', ['box', 'polygon']),
    label('Tree', '#3cb44b', '2', ['box', 'polygon']),
    label('Sun', '#f58231', '3', ['box', 'point']),
    label('Daytime', '#42d4f4', 'd', ['image_class']),
    label('Night', '#4363d8', 'n', ['image_class']),
  ];
}
