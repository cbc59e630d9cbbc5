/**
 * A choice named as reference data is: its official (Chinese) name, its English name where the
 * data has one (organisations always; programmes when given; plan projects never), and the code
 * people know it by. Pages show it in the reader's language (`optionText`, components/ui/local-name).
 */
export interface NamedOption {
  value: string;
  code?: string;
  name: string;
  nameEn: string | null;
}
