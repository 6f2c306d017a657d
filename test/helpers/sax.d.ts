// Minimal types for sax (a dependency of feed → xml-js; it ships none), as the tests use it.
declare module 'sax' {
  interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  interface SAXParser {
    error: Error | null;
    /** Index just past the current character / of the "<" that opened the current tag. */
    position: number;
    startTagPosition: number;
    onerror: (e: Error) => void;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(s: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean; position?: boolean; strictEntities?: boolean }): SAXParser };
  export default sax;
}
