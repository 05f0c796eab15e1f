// Manager → Items: the item form as typed (texts) and the item fields the catalogue takes. The
// price and the tax rate are typed as a person writes them ("120.50", "5"); the catalogue's own
// rules (contract/catalogue/fields) then check the rest in the backend, in the same words as a CSV.
import type { CatalogueItem } from '../../../contract/catalogue/records';
import type { Unit } from '../../../contract/catalogue/units';
import type { HandlerInput } from '../../../contract/handlers';
import { formatMinor, parseAmount } from '../../../contract/money';
import { formatRatePercent, parseRatePercent } from '../../../contract/billing/rates';
import { fail, ok, type Result } from '../../../contract/result';

export interface ItemForm {
  name: string;
  sku: string;
  /** Codes separated by commas or spaces. */
  barcodes: string;
  unit: Unit;
  price: string;
  priceIncludesTax: boolean;
  /** Percent, like 18 or 2.5. */
  rate: string;
  hsnCode: string;
  taxExempt: boolean;
}

export type ItemFields = Omit<HandlerInput<'item-create'>, 'managerToken'>;

export const EMPTY_ITEM_FORM: ItemForm = {
  name: '',
  sku: '',
  barcodes: '',
  unit: 'piece',
  price: '',
  priceIncludesTax: true,
  rate: '',
  hsnCode: '',
  taxExempt: false,
};

export function itemForm(item: CatalogueItem): ItemForm {
  return {
    name: item.name,
    sku: item.sku,
    barcodes: item.barcodes.join(', '),
    unit: item.unit,
    price: formatMinor(item.priceMinor),
    priceIncludesTax: item.priceIncludesTax,
    rate: formatRatePercent(item.rateBasisPoints).replace('%', ''),
    hsnCode: item.hsnCode,
    taxExempt: item.taxExempt,
  };
}

/** The item's fields, or the first typed number that is wrong (named by the field it fills). */
export function itemFields(form: ItemForm): Result<ItemFields> {
  const price = parseAmount(form.price);
  if (!price.ok) return fail('invalid_input', `Price: ${price.message}`, 'priceMinor');
  const rate = parseRatePercent(form.rate === '' ? '0' : form.rate, 'Tax rate');
  if (!rate.ok) return fail('invalid_input', rate.error.message, 'rateBasisPoints');
  return ok({
    name: form.name,
    sku: form.sku,
    barcodes: form.barcodes.split(/[\s,;]+/).filter((code) => code !== ''),
    unit: form.unit,
    priceMinor: price.value,
    priceIncludesTax: form.priceIncludesTax,
    rateBasisPoints: rate.value,
    hsnCode: form.hsnCode,
    taxExempt: form.taxExempt,
  });
}
