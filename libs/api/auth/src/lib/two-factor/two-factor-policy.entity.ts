import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row of the administrators' two-factor settings; no row means the defaults. */
@Entity('two_factor_policy')
export class TwoFactorPolicyEntity {
  /** Always {@link TWO_FACTOR_POLICY_ID}. */
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'is_required', type: 'boolean', default: false })
  isRequired!: boolean;
}

export const TWO_FACTOR_POLICY_ID = 1;
