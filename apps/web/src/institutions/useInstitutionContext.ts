import type { Institution } from '@edumatrix/contracts';
import { useOutletContext } from 'react-router';

/** Pages under an institution receive it from InstitutionLayout, already loaded. */
export const useInstitutionContext = () => useOutletContext<Institution>();
