// Symbols read as words (layer 1), like emoji: hate symbols typed as runes or their look-alikes
// (ᛋᛋ, ϟϟ for the SS insignia, ᛟ the odal rune) become "ss runes", "odal rune", which the lexicon
// screens like any words. A run of the same symbol may mean more than one of it: two sig runes
// are the SS insignia, one is a letter of a runic alphabet; three opening brackets round a word are
// the antisemitic "echo", one is punctuation (data/screening/symbols.json).

export interface SymbolTable {
  /** Character → index of its symbol. */
  symbolOf: Map<string, number>;
  /** `from`: the shortest run read as the symbol; shorter runs stay as written ("(" is a bracket, "(((" an echo). */
  symbols: { one: string; more: string; from: number }[];
}

export function symbolTable(entries: { chars: string; one: string; more: string; from?: number | undefined }[]): SymbolTable {
  const symbolOf = new Map<string, number>();
  entries.forEach((e, i) => [...e.chars].forEach((ch) => symbolOf.set(ch, i)));
  return { symbolOf, symbols: entries.map(({ one, more, from }) => ({ one, more, from: from ?? 1 })) };
}

export interface SymbolReading {
  text: string;
  /** The symbols that were read, each with its words. */
  read: { symbol: string; words: string }[];
}

export function readSymbols(text: string, table: SymbolTable): SymbolReading {
  const read: SymbolReading['read'] = [];
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length;) {
    const symbol = table.symbolOf.get(chars[i]!);
    if (symbol === undefined) {
      out += chars[i++];
      continue;
    }
    // Spaces between the symbols of one run ("ᛋ ᛋ") do not split it.
    let j = i + 1;
    let count = 1;
    for (let k = j; k < chars.length; k++) {
      if (chars[k] === ' ') continue;
      if (table.symbolOf.get(chars[k]!) !== symbol) break;
      count++;
      j = k + 1;
    }
    const entry = table.symbols[symbol]!;
    if (count < entry.from) {
      out += chars.slice(i, j).join('');
      i = j;
      continue;
    }
    const words = count > 1 ? entry.more : entry.one;
    read.push({ symbol: chars.slice(i, j).join(''), words });
    out += ` ${words} `;
    i = j;
  }
  return { text: out, read };
}
