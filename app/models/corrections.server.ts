/** Corrections by hand on the server's connection (scripts/ingest/load/corrections.ts does the work). */
import {
  CorrectionError,
  correctFigure,
  listCorrections,
  revertCorrection,
  type Correction,
  type CorrectionInput,
} from '../../scripts/ingest/load/corrections';
import { db } from './db.server';

export { CorrectionError, type Correction };

export async function reportCorrections(reportId: number): Promise<Correction[]> {
  return listCorrections(await db(), reportId);
}

export async function correct(input: CorrectionInput): Promise<Correction> {
  return correctFigure(await db(), input);
}

export async function revert(input: { id: number; who: string; reason: string }): Promise<Correction> {
  return revertCorrection(await db(), input);
}
