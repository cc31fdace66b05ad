/** `{{#if (eq a b)}}`: strict equality, the one comparison templates need (e.g. numbering on/off). */
export function eqHelper() {
  return (left: unknown, right: unknown) => left === right;
}
