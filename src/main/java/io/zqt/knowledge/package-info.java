/**
 * The enterprise knowledge base (涉企知识库, issue 5): entries with their versions, policy specialists, CSV/XLSX import
 * and export, full-text search (Lucene, smartcn) and the direct answer (精准直办) with three-way calls (三方连线).
 * Seed data: {@code data/knowledge/} (entries, specialists, synonyms); labelled queries for the recall evaluation:
 * {@code src/test/resources/knowledge/eval/}.
 */
package io.zqt.knowledge;
