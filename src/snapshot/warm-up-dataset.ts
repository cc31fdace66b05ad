/**
 * The handout rendered while the startup snapshot is built, so that its heap holds parsed fonts and
 * warmed-up modules. It uses every part of a handout (three subjects, a given column, a Venn diagram,
 * questions, nested sections, lists, inline Markdown, a link and its QR code), so each code path has
 * run once; its content is never written anywhere.
 */
export const warmUpDatasetText = `title: Mitosis vs. Meiosis vs. Binary Fission
subtitle: Three ways a cell divides
subjects:
  - id: mitosis
    name: Mitosis
  - id: meiosis
    name: Meiosis
  - id: fission
    name: Binary fission
summary: |
  Cells divide to grow, repair and reproduce. **Mitosis** copies a cell exactly, *meiosis* halves the
  chromosomes to make gametes, and [binary fission](https://example.org/fission) splits a bacterium in two.

  Each one is fitted to its job — quick, varied or simple — and “each” of them copies DNA first.
attributes:
  - name: Purpose
    given: true
    values:
      mitosis: Growth and repair of body tissues.
      meiosis: Making eggs and sperm (gametes).
      fission: Reproduction of single-celled organisms.
  - name: Daughter cells
    given: [mitosis]
    values:
      mitosis: Two, identical to the parent cell.
      meiosis: Four, each with half the chromosomes.
      fission: Two, identical to the parent.
  - name: Where it happens
    values:
      mitosis: Somatic cells of eukaryotes — skin, gut lining, bone marrow.
      meiosis: Ovaries and testes; about 1–2 µm spindle fibres form.
      fission: Bacteria and archaea; ~20 minutes per division for E. coli.
venn:
  unique:
    mitosis: [Identical copies, Body cells]
    meiosis: [Crossing over, Four cells]
    fission: [No spindle, Prokaryotes]
  shared: [DNA is copied first, Produces new cells]
questions:
  - prompt: Why must gametes have half the usual number of chromosomes?
    answer: So that fertilisation restores the full number in the new organism.
  - prompt: Which kind of division does a wound use to heal?
    answer: Mitosis.
sections:
  - heading: Mitosis
    subject: mitosis
    body: |
      Mitosis has four stages: prophase, metaphase, anaphase and telophase.

      - Chromosomes condense.
      - Sister chromatids separate.
    sections:
      - heading: Checkpoints
        body: Checkpoints stop a damaged cell from dividing; when they fail, cancer can follow.
  - heading: Meiosis
    subject: meiosis
    body: |
      Two divisions in a row halve the chromosome number. Crossing over mixes genes, which is why siblings differ.
  - heading: Binary fission
    subject: fission
    body: The circular chromosome is copied, the cell lengthens, and a wall grows across the middle.
conclusion: |
  Mitosis keeps a body going, meiosis makes variety possible, and binary fission lets bacteria multiply fast.
disclaimer: A simplified overview for teaching.
meta:
  language: en
  audience: Biology, grades 9–10
  course: Cell biology
  author: Handout
  date: 2026-01-01
  license: CC BY 4.0
  url: https://example.org/handouts/cell-division
`;
