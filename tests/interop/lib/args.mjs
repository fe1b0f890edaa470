// Minimal command-line parsing: --name value options of declared kinds, the rest positional.
export function parseArgs(argv, spec, maxPositional = Infinity) {
  const out = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const kind = spec[name];
      if (!kind) throw new Error(`unknown option --${name}`);
      if (kind === 'flag') { out[name] = true; continue; }
      const value = inline !== undefined ? inline : argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      if (kind === 'list') out[name] = value.split(',').filter(Boolean);
      else if (kind === 'int') out[name] = Number.parseInt(value, 10);
      else out[name] = value;
    } else {
      out.positional.push(a);
    }
  }
  if (out.positional.length > maxPositional) throw new Error(`too many arguments: ${out.positional.join(' ')}`);
  return out;
}
