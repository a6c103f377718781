/** The parser's output for one document, in the shape of ../shared/report-schema.md. */
import type { CheckRule, SectionKey, Template, FormatVersion } from './keys';

/** A figure: a number as printed, or null for a blank, a dash or a cell the document lacks. */
export type Figure = number | null;

export interface Jurisdiction {
  name: string | null;
  parent: string | null;
  /** statistical division code when it can be resolved without doubt */
  code: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  /** level: 镇 乡 街道 县 市 省 部门 … */
  level?: string | null;
  /** when the name fits several divisions: every one of them, never a guess */
  candidates?: { code: string; name: string; county: string | null; city: string | null; province: string | null }[];
}

export interface Check {
  rule: CheckRule;
  row?: string;
  column?: string;
  group?: string;
  ok: boolean;
  expected: number | null;
  actual: number | null;
  /** a blank among the terms was counted as 0 */
  assumed_blank_zero?: boolean;
}

/** Where a figure came from: the cell's text as printed and its place in `text`. */
export interface Origin {
  raw: string;
  start: number;
  end: number;
}

export interface Report {
  source?: string;
  organ: string | null;
  jurisdiction: Jurisdiction;
  year: number | null;
  published?: string | null;
  /** the document says it is synthetic (SYNTHETIC_MARK) */
  synthetic?: boolean;
  template: Template;
  /** for hybrids: which format each block of part 二 follows */
  template_parts?: Record<string, FormatVersion>;
  active: Record<string, Figure>;
  applications: Record<string, Record<string, Figure>>;
  review: Record<string, Figure>;
  sections: Record<SectionKey, string | null>;
  checks: Check[];
  warnings: string[];
  /** `active.<key>`, `applications.<row>.<column>`, `review.<key>` → origin in `text` */
  origins?: Record<string, Origin>;
  /** the normalised text the origins point into */
  text?: string;
}
