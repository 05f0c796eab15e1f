// GST state and union-territory codes: the first two digits of every GSTIN and the "place of
// supply" on an invoice. This is data, transcribed from the GST state code list as published with
// the GST system (the list printed at https://www.forbesindia.com/article/explainers/gst-state-code-list-jurisdiction-details/86511/1
// and https://www.mastersindia.co/gst/list-of-state-code-under-gst/). Codes no longer issued are
// left out: 25 (Daman and Diu, merged into 26 in 2020) and 28 (Andhra Pradesh before 2014, now
// 37). Should the list change again, this table is the one place to edit.
// Pure TypeScript: used by the renderer and the backend alike.

export const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
  '99': 'Centre Jurisdiction',
};

/** The state's name for a two-digit code, or undefined for a code not in the list. */
export function gstStateName(code: string): string | undefined {
  return Object.hasOwn(GST_STATES, code) ? GST_STATES[code] : undefined;
}
