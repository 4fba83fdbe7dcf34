import type { Label } from '../model/label.ts';
import type { ClassGroup } from '../model/class-group.ts';
import { newId } from '../model/ids.ts';

/** The sample project's labels, with one "choose one" and one "choose any" class group. */
export function sampleSchema(): { labels: Label[]; classGroups: ClassGroup[] } {
  const tone: ClassGroup = { id: newId(), name: 'Tone', choice: 'one' };
  const flags: ClassGroup = { id: newId(), name: 'Flags', choice: 'any' };
  const time: ClassGroup = { id: newId(), name: 'Time of day', choice: 'one' };
  const label = (
    name: string,
    color: string,
    hotkey: string,
    kinds: Label['kinds'],
    group?: ClassGroup,
  ): Label => ({
    id: newId(),
    name,
    color,
    hotkey,
    kinds,
    ...(group ? { group: group.id } : {}),
  });
  const labels = [
    label('Person', '#e6194b', '1', ['span']),
    label('Organization', '#4363d8', '2', ['span']),
    label('Location', '#3cb44b', '3', ['span']),
    label('Works with', '#911eb4', 'w', ['relation']),
    label('Positive', '#3cb44b', 'p', ['text_class'], tone),
    label('Neutral', '#9a6324', 'e', ['text_class'], tone),
    label('Negative', '#e6194b', 'x', ['text_class'], tone),
    label('Urgent', '#f58231', 'u', ['text_class'], flags),
    label('Off-topic', '#808000', 'o', ['text_class'], flags),
    label('House', '#e6194b', '1', ['box', 'polygon']),
    label('Tree', '#3cb44b', '2', ['box', 'polygon']),
    label('Sun', '#f58231', '3', ['box', 'point']),
    label('Daytime', '#42d4f4', 'd', ['image_class'], time),
    label('Night', '#4363d8', 'n', ['image_class'], time),
  ];
  return { labels, classGroups: [tone, flags, time] };
}
