// Marks around a highlighted word in the search's headlines and snippets (ts_headline's StartSel
// and StopSel, lib/search/queries.ts): private-use characters, taken out of the text first, so a
// story's own text can never open or close a mark. components/site/marked-text.tsx renders them.

export const MARK_START = "\uE000";
export const MARK_END = "\uE001";
