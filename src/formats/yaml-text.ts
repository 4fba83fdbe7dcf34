/**
 * A YAML double-quoted scalar for any string: JSON's escaping (a JSON string is valid YAML),
 * plus escapes for DEL and the C1 controls, which YAML does not allow raw.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
