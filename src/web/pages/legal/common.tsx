/** Shared bits of the legal framework pages: the verification badge, labels of the vocabularies. */
import { useTranslation } from 'react-i18next';
import type { Norm } from '../../../shared/legal';
import { formatDate } from '../../i18n/format';

/**
 * The verification status, always in words (never only a colour). 'te verifiëren' is a warning badge and the norm
 * around it gets the dashed `norm-unverified` style: it is never shown like settled law.
 */
export function VerificationBadge({ norm }: { norm: Pick<Norm, 'verification' | 'verifiedOn'> }) {
  const { t } = useTranslation();
  if (norm.verification === 'verified')
    return (
      <span className="tag tag-ok">
        {t('legal.verification.verified')}
        {norm.verifiedOn ? ` (${formatDate(norm.verifiedOn)})` : ''}
      </span>
    );
  return <span className="tag tag-warn verify-badge">{t('legal.verification.te_verifieren')}</span>;
}

export const normClass = (n: Pick<Norm, 'verification'>) => (n.verification === 'verified' ? 'norm norm-verified' : 'norm norm-unverified');
