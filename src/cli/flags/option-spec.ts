interface Described {
  /** One line for `--help`. */
  readonly description: string;
}

export interface StringOption extends Described {
  readonly type: 'string';
  /** Shown in help as `--data DIR`. */
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly default?: string;
}

export interface NumberOption extends Described {
  /** `integer` accepts whole numbers only. */
  readonly type: 'number' | 'integer';
  readonly placeholder?: string;
  readonly min?: number;
  /** The value must be greater than this. */
  readonly above?: number;
  readonly max?: number;
  readonly default?: number;
  /** The value when the flag comes without one (`--dashboard` alone means 6006). */
  readonly bare?: number;
}

export interface ChoiceOption extends Described {
  readonly type: 'choice';
  readonly choices: readonly string[];
  readonly placeholder?: string;
  readonly default?: string;
  /** The environment variable that gives the value when the flag is absent (empty: as if unset). */
  readonly env?: string;
}

export interface BooleanOption extends Described {
  readonly type: 'boolean';
}

export type OptionSpec = StringOption | NumberOption | ChoiceOption | BooleanOption;

/** A command's options by flag name, without the dashes (`batch-size`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends NumberOption ? number : S extends BooleanOption ? boolean : string;
type HasDefault<S> = S extends { readonly default: unknown }
  ? true
  : S extends { readonly required: true }
    ? true
    : false;

/** Parsed values: options with a default or marked required are always present. */
export type OptionValues<S extends OptionSpecs> = {
  readonly [K in keyof S as HasDefault<S[K]> extends true ? K : never]: ValueOf<S[K]>;
} & {
  readonly [K in keyof S as HasDefault<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};
