/** The part of xml-writer (untyped on npm) that the GraphML writer uses. */
declare module 'xml-writer' {
  export default class XMLWriter {
    constructor(indent?: boolean | string);
    startDocument(version?: string, encoding?: string): this;
    startElement(name: string): this;
    writeAttribute(name: string, value: string): this;
    text(content: string): this;
    endElement(): this;
    endDocument(): this;
    toString(): string;
  }
}
