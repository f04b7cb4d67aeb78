// The SEC's plain-text layout, line by line: "Section C – Governance", a part heading "C2 …", a
// clause "C2.3 Without prejudice …", an appendix clause "3.2.4 If …", a limb "(a) …". Markdown
// heading prefixes ("## ") are accepted. The importer and the drafting checker share these.

export const CLAUSE_LINE = /^([ \t]*)([A-Z]\d+[A-Z]?\.\d+[A-Z]?)(?=[ \t]|$)([ \t]*)(.*)$/;
export const APPENDIX_CLAUSE_LINE = /^([ \t]*)(\d+(?:\.\d+)+)(?=[ \t]|$)([ \t]*)(.*)$/;
export const PARAGRAPH_LINE = /^([ \t]*)\(([a-z]{1,5}|[A-Z])\)(?=[ \t]|$)([ \t]*)(.*)$/;
export const SECTION_HEADING = /^(#{1,6}[ \t]+)?(?:Section|SECTION)[ \t]+([A-Z])(?![\w.(])[ \t]*[:–—-]?[ \t]*(?!\()(.*)$/;
export const APPENDIX_HEADING = /^(#{1,6}[ \t]+)?(?:Appendix|APPENDIX)[ \t]+([A-Z]{1,2})(?![\w.(])[ \t]*[:–—-]?[ \t]*(?!\()(.*)$/;
export const PART_HEADING = /^(#{1,6}[ \t]+)?([A-Z]\d+[A-Z]?)[ \t]+(\S.*)$/;
export const APPENDIX_PART_HEADING = /^(#{1,6}[ \t]+)?(\d+)[ \t]+([A-Z]\S*.*)$/;
export const HEADING_PREFIX = /^(#{1,6}[ \t]+)?(.*)$/;
/** "[…]" or "[...]": quoted text left out (drafting documents only). */
export const ELISION_LINE = /^[ \t]*\[(?:…|\.\.\.)\][ \t]*$/;

export const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);

/** A short line without closing punctuation: a cross-heading such as "Monitoring and Advice". */
export function looksLikeHeading(line: string): boolean {
  const text = (HEADING_PREFIX.exec(line)?.[2] ?? '').trim();
  return text.length > 0 && text.length <= 100 && /^[A-Z‘'"]/.test(text) && !/[.;:,]$/.test(text)
    && !text.startsWith('(');
}

/** Strip quotes from a section title: "‘Governance’" → "Governance". */
export const unquoteTitle = (s: string): string => s.trim().replace(/^[‘'"“(]\s*/, '').replace(/\s*[’'"”)]$/, '').trim();
