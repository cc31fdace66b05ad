// color-name ships no types: the CSS colour names, each with its RGB value.
declare module 'color-name' {
  const names: Record<string, [number, number, number]>;
  export default names;
}
