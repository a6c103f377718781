/** What an upload may be, from the environment (NIANBAO_UPLOAD_MAX_MB …), with defaults. */
export interface UploadLimits {
  /** bytes of one file, and of one file inside an archive */
  fileBytes: number;
  /** files in one request */
  files: number;
  /** entries of one archive */
  zipEntries: number;
  /** bytes of an archive's entries together, uncompressed */
  zipTotalBytes: number;
  /** uncompressed : compressed of any entry; zip bombs are thousands */
  zipRatio: number;
}

const MB = 1024 * 1024;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    fileBytes: Math.round(positive(env.NIANBAO_UPLOAD_MAX_MB, 20) * MB),
    files: Math.round(positive(env.NIANBAO_UPLOAD_MAX_FILES, 100)),
    zipEntries: Math.round(positive(env.NIANBAO_ZIP_MAX_ENTRIES, 2000)),
    zipTotalBytes: Math.round(positive(env.NIANBAO_ZIP_MAX_MB, 200) * MB),
    zipRatio: positive(env.NIANBAO_ZIP_MAX_RATIO, 100),
  };
}

export const megabytes = (bytes: number): string => `${Math.round((bytes / MB) * 10) / 10} MB`;
