import type { ImportKind } from '@leap/domain';
import { attendanceImporter } from '../attendance/attendance-importer';
import type { Importer } from '../importer';
import { districtProfileImporter } from './district-profile.importer';
import { rosterImporter } from './roster.importer';
import { schoolsImporter } from './schools.importer';

/**
 * The importer of each kind of file: the API and the CLI find them here. A kind without an importer
 * yet answers `import_kind_unavailable`.
 */
export const IMPORTERS: Partial<Record<ImportKind, Importer>> = {
  schools: schoolsImporter,
  roster: rosterImporter,
  'district-profile': districtProfileImporter,
  attendance: attendanceImporter,
};

export const importerOf = (kind: ImportKind): Importer | null => IMPORTERS[kind] ?? null;
