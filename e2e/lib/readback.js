'use strict';
// Reads an exported file back to plain text, with the same libraries the exporters use.
const fs = require('fs');
const JSZip = require('jszip');

function readText(file) {
  return fs.readFileSync(file, 'utf8');
}

const XML_ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** The text of a .docx body: every <w:t> run in order (a .docx is a zip of WordprocessingML). */
async function readDocxText(file) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const body = zip.file('word/document.xml');
  if (!body) throw new Error(`${file} has no word/document.xml`);
  const xml = await body.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => match[1].replace(/&(lt|gt|amp|quot|apos);/g, (entity) => XML_ENTITIES[entity]))
    .join('');
}

module.exports = { readText, readDocxText };
