/**
 * Every fixed word a handout prints, per language. Templates read them from the view model, so a
 * Spanish dataset gets a Spanish handout without a Spanish template.
 * `{page}` and `{pages}` are filled in by the writers once pagination is known.
 */
export interface Labels {
  summary: string;
  comparison: string;
  comparisonCaption: string;
  attribute: string;
  furtherDetail: string;
  conclusion: string;
  disclaimer: string;
  sources: string;
  pageOfPages: string;
  alsoKnownAs: string;
  audience: string;
  contents: string;
  name: string;
  className: string;
  date: string;
  worksheet: string;
  answerKey: string;
  questions: string;
  answer: string;
  graphicOrganiser: string;
  allSubjects: string;
  onlineCopy: string;
  classPack: string;
  handoutColumn: string;
  subjectsColumn: string;
  pageColumn: string;
  handoutCount: string;
  /** `handoutCount` for a pack of one. */
  oneHandout: string;
  /** `meta.reviewed: true` / `false`. */
  reviewed: string;
  notReviewed: string;
}

const labelsByLanguage: Record<string, Labels> = {
  en: {
    summary: "What's the Difference?",
    comparison: 'Comparison',
    comparisonCaption: 'Comparison of {subjects}',
    attribute: 'Attribute',
    furtherDetail: 'Further Detail',
    conclusion: 'Conclusion',
    disclaimer: 'Disclaimer',
    sources: 'Sources',
    pageOfPages: 'Page {page} of {pages}',
    alsoKnownAs: 'also known as',
    audience: 'For',
    contents: 'Contents',
    name: 'Name',
    className: 'Class',
    date: 'Date',
    worksheet: 'Worksheet',
    answerKey: 'Answer key',
    questions: 'Questions',
    answer: 'Answer',
    graphicOrganiser: 'Compare and contrast',
    allSubjects: 'In common',
    onlineCopy: 'Online copy',
    classPack: 'Class pack',
    handoutColumn: 'Handout',
    subjectsColumn: 'Subjects',
    pageColumn: 'Page',
    handoutCount: '{count} handouts',
    oneHandout: '1 handout',
    reviewed: 'Reviewed',
    notReviewed: 'Not yet reviewed',
  },
  es: {
    summary: '¿Cuál es la diferencia?',
    comparison: 'Comparación',
    comparisonCaption: 'Comparación de {subjects}',
    attribute: 'Atributo',
    furtherDetail: 'Más detalles',
    conclusion: 'Conclusión',
    disclaimer: 'Aviso',
    sources: 'Fuentes',
    pageOfPages: 'Página {page} de {pages}',
    alsoKnownAs: 'también llamado',
    audience: 'Para',
    contents: 'Índice',
    name: 'Nombre',
    className: 'Clase',
    date: 'Fecha',
    worksheet: 'Hoja de trabajo',
    answerKey: 'Solucionario',
    questions: 'Preguntas',
    answer: 'Respuesta',
    graphicOrganiser: 'Comparar y contrastar',
    allSubjects: 'En común',
    onlineCopy: 'Copia en línea',
    classPack: 'Dosier de clase',
    handoutColumn: 'Material',
    subjectsColumn: 'Temas',
    pageColumn: 'Página',
    handoutCount: '{count} materiales',
    oneHandout: '1 material',
    reviewed: 'Revisado',
    notReviewed: 'Aún sin revisar',
  },
  fr: {
    summary: 'Quelle est la différence ?',
    comparison: 'Comparaison',
    comparisonCaption: 'Comparaison : {subjects}',
    attribute: 'Critère',
    furtherDetail: 'En détail',
    conclusion: 'Conclusion',
    disclaimer: 'Avertissement',
    sources: 'Sources',
    pageOfPages: 'Page {page} sur {pages}',
    alsoKnownAs: 'aussi appelé',
    audience: 'Public',
    contents: 'Sommaire',
    name: 'Nom',
    className: 'Classe',
    date: 'Date',
    worksheet: 'Fiche d’exercices',
    answerKey: 'Corrigé',
    questions: 'Questions',
    answer: 'Réponse',
    graphicOrganiser: 'Comparer et distinguer',
    allSubjects: 'En commun',
    onlineCopy: 'Version en ligne',
    classPack: 'Dossier de classe',
    handoutColumn: 'Fiche',
    subjectsColumn: 'Sujets',
    pageColumn: 'Page',
    handoutCount: '{count} fiches',
    oneHandout: '1 fiche',
    reviewed: 'Relu',
    notReviewed: 'Pas encore relu',
  },
  de: {
    summary: 'Was ist der Unterschied?',
    comparison: 'Vergleich',
    comparisonCaption: 'Vergleich: {subjects}',
    attribute: 'Merkmal',
    furtherDetail: 'Im Detail',
    conclusion: 'Fazit',
    disclaimer: 'Hinweis',
    sources: 'Quellen',
    pageOfPages: 'Seite {page} von {pages}',
    alsoKnownAs: 'auch',
    audience: 'Für',
    contents: 'Inhalt',
    name: 'Name',
    className: 'Klasse',
    date: 'Datum',
    worksheet: 'Arbeitsblatt',
    answerKey: 'Lösungsblatt',
    questions: 'Fragen',
    answer: 'Antwort',
    graphicOrganiser: 'Vergleichen und unterscheiden',
    allSubjects: 'Gemeinsam',
    onlineCopy: 'Online-Fassung',
    classPack: 'Klassensatz',
    handoutColumn: 'Handout',
    subjectsColumn: 'Themen',
    pageColumn: 'Seite',
    handoutCount: '{count} Handouts',
    oneHandout: '1 Handout',
    reviewed: 'Geprüft',
    notReviewed: 'Noch nicht geprüft',
  },
};

export const supportedLanguages = Object.keys(labelsByLanguage);

/** Labels for a BCP 47 tag: `es-MX` falls back to `es`; an unknown language is `undefined`. */
export function labelsFor(language: string): Labels | undefined {
  return labelsByLanguage[language] ?? labelsByLanguage[language.split('-')[0]!.toLowerCase()];
}
