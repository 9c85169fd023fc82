// For tests: generated paths that reach both sides of the path rules.

/** Characters that URLs, browsers and servers treat specially, and some that they don't. */
const ALPHABET = [
  ...'aZ09-_.~',
  ...'%2eEf',
  ...' #?\\/+&=;@:[]\'()*!$,"<>`{}|^',
  'é',
  'ß',
  '😀',
  '\ud800',
  '\u0001',
  '\u007f',
  '\u00a0',
  '\u2028',
];

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/** Paths made of segments of ALPHABET characters, with "/", "." and ".." segments mixed in. */
export function generatedPaths(count: number, seed = 42): string[] {
  const next = random(seed);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const segments = Array.from({ length: 1 + next(3) }, () => {
      const special = next(10);
      if (special === 0) return '..';
      if (special === 1) return '.';
      if (special === 2) return `%${'2eE'[next(3)]}${'2eE'[next(3)]}`;
      return Array.from({ length: 1 + next(6) }, () => ALPHABET[next(ALPHABET.length)]!).join('');
    });
    paths.push(`/${segments.join('/')}`);
  }
  return paths;
}
