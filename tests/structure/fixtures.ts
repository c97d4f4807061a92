// Hand-written texts shaped like UPR Working Group reports as they come out of
// PDF conversion: a table of contents that repeats the headings, page
// furniture, footnotes, numbered paragraphs and recommendations. Invented
// content; the layouts follow the 2008 and 2010–2014 reports.

/** 2010–2014 layout: headings on their own lines, "89.1." recommendations, LF line endings. */
export const REPORT_2012 = [
  'United Nations A/HRC/19/99',
  'General Assembly Distr.: General 4 January 2012',
  'Human Rights Council Nineteenth session',
  'Report of the Working Group on the Universal Periodic Review*',
  'Kenya',
  '* The annex to the present report is circulated as received.',
  'GE.12-34567',
  'Contents',
  'Paragraphs Page',
  'Introduction ............................................................ 1\u20134 3',
  'I. Summary of the proceedings of the review process ...................... 5\u201314 3',
  'A. Presentation by the State under review ............................... 5\u20137 3',
  'B. Interactive dialogue and responses by the State under review ......... 8\u201314 4',
  'II. Conclusions and/or recommendations .................................. 15\u201319 9',
  'Annex',
  'Composition of the delegation ............................................ 12',
  '',
  'Introduction',
  '1. ',
  'The Working Group on the Universal Periodic Review held its eleventh session from 2 to 13 May 2011. The review of Kenya was held at the 7th meeting.',
  '',
  '2. The Human Rights Council selected the following group of rapporteurs (troika): Bangladesh, Egypt and Mexico.',
  '3. In accordance with paragraph 15 of the annex to resolution 5/1, the following documents were issued: (a) A national report;',
  '4. A list of questions prepared in advance by Argentina and Belgium was transmitted to Kenya through the troika.',
  'I. Summary of the proceedings of the review process',
  'A. Presentation by the State under review',
  '5. The head of the delegation stated that the report had been validated through wide consultations.',
  '6. Norway had asked about the new Constitution. The Constitution had been adopted in 2010 and Law No. 20.609 followed.',
  '7. The Government had established a national commission on',
  '',
  'A/HRC/19/99',
  'page 4',
  '',
  'human rights in 2011.',
  'B. Interactive dialogue and responses by the State under review',
  '8. During the interactive dialogue, 52 delegations made statements.',
  '9. Brazil and Mexico welcomed the new Constitution. Brazil asked about police reform.',
  '10. The United Kingdom of Great Britain and Northern Ireland noted concerns about extrajudicial killings. It made recommendations.',
  '11. The Bolivarian Republic of Venezuela commended Kenya for its social programmes.1',
  '',
  '',
  '1 The recommendation as read during the interactive dialogue: continue the social programmes.',
  '12. In response to questions on torture from Denmark, Kenya noted that a bill was before Parliament.',
  '13. The Democratic People\u2019s Republic of Korea welcomed the efforts to reduce poverty.',
  '14. The delegation thanked all delegations for their questions.',
  'II. Conclusions and/or recommendations**',
  '** The conclusions and recommendations have not been edited.',
  '15. The recommendations formulated during the interactive dialogue listed below have been examined by Kenya and enjoy its support:',
  '15.1. Ratify the Optional Protocol to the Convention against Torture (Denmark);',
  '15.2 Strengthen police oversight (United Kingdom of Great Britain and Northern Ireland, Norway);',
  '16. The following recommendations will be examined by Kenya, which will provide responses in due time:',
  '16.1. Abolish the death penalty (Norway); establish a moratorium on executions (Venezuela (Bolivarian Republic of));',
  '17. The recommendations below did not enjoy the support of Kenya:',
  '17.1. Decriminalize same-sex relations between consenting adults (Czech Republic).',
  '18. With regard to recommendation 17.1 above, Kenya indicated that the matter was for Parliament.',
  '19. All conclusions and/or recommendations contained in the present report reflect the position of the submitting State(s) and/or the State under review.',
  'Annex',
  'Composition of the delegation',
  'The delegation of Kenya was headed by the Minister for Justice.',
].join('\n');

const STATES_2008 = [
  'Sudan',
  'Mexico',
  'Italy',
  'France',
  'Cuba',
  'Jordan',
  'Brazil',
  'Chile',
  'Egypt',
  'Ghana',
  'India',
  'Japan',
  'Nigeria',
  'Norway',
  'Peru',
];

/** Fifteen recommendations under paragraph 13: items 14 and 15 carry the numbers of the next paragraphs. */
const SUB_LIST_2008 = STATES_2008.map((state, i) => `${i + 1}. \t\rThat Tunisia take measure number ${i + 1} (${state}). `);

/**
 * 2008 layout: CR line endings, furniture and headings glued to the first
 * paragraph's line, paragraph numbers on their own line, a lost dot, a sub-list
 * of recommendations whose position is given in the paragraph after it.
 */
export const REPORT_2008 = [
  'UNITED NATIONS A General Assembly Distr. GENERAL A/HRC/8/99 23 May 2008 Original: ENGLISH HUMAN RIGHTS COUNCIL Eighth session',
  'Report of the Working Group on the Universal Periodic Review ',
  'Tunisia . ',
  '. Previously issued under the symbol A/HRC/WG.6/1/TUN/4. GE.08-13682 CONTENTS Paragraphs Page Introduction ............ 1 - 4 3 ',
  'I. SUMMARY OF THE PROCEEDINGS OF THE REVIEW PROCESS....... 5 - 12 3 ',
  'A.  Presentation by the State under review.............. 5 - 6 3 ',
  'B. Interactive dialogue and responses by the State under review .......... 7 - 12 5 ',
  'II. CONCLUSIONS AND/OR RECOMMENDATIONS ................. 13 - 15 12 ',
  'Annex Composition of the delegation.................................... 14 ',
  'A/HRC/ 8/99 Page 3 Introduction 1. The Working Group on the Universal Periodic Review held its first session from 7 to 18 April 2008.  2. The troika was Uruguay, the Philippines and Senegal. 3. The following documents were issued for the review. 4. A list of questions was transmitted through the troika. I.  SUMMARY OF THE PROCEEDINGS OF THE REVIEW PROCESS A. Presentation by the State under review 5. At the 11th meeting, the Minister for Foreign Affairs introduced the national report. ',
  '6. ',
  'The Minister said that the report was prepared in collaboration with civil society. ',
  'B. Interactive dialogue and responses by the State under review ',
  '7. ',
  'During the ensuing interactive dialogue, statements were made by 46 delegations. ',
  '8. ',
  'Djibouti expressed its solidarity. Djibouti asked whether a timeline had been set. ',
  '9. ',
  'While noting Tunisia\u00d5s efforts to combat terrorism, Saudi Arabia called on the Government to make further efforts. ',
  '10. ',
  'It also welcomed the promotion of women\u00d5s rights. ',
  '11 The representative of Tunisia stated that inspections were systematically made. ',
  '12. ',
  'Brazil\u00d5s question on prisons was answered by the Minister, who said that conditions had improved. ',
  'II. CONCLUSIONS AND/OR RECOMMENDATIONS ',
  '13. In the course of the discussion, the following recommendations were made to Tunisia: ',
  ...SUB_LIST_2008,
  '',
  '14. ',
  'The response of Tunisia to these recommendations will be included in the outcome report adopted by the Human Rights Council at its eighth session. ',
  '15. ',
  'All conclusions and/or recommendations contained in this report reflect the position of the submitting State(s) and/or the State under review. ',
  'Composition of the delegation ',
  'The delegation of Tunisia was headed by H.E. the Minister for Foreign Affairs. ',
].join('\r');

export const STATES_2008_ISO = ['SDN', 'MEX', 'ITA', 'FRA', 'CUB', 'JOR', 'BRA', 'CHL', 'EGY', 'GHA', 'IND', 'JPN', 'NGA', 'NOR', 'PER'];

/** A government speech that mentions the UPR: not a Working Group report. */
export const SPEECH = [
  'Statement by the Minister for Foreign Affairs',
  '',
  'Mr. President, my Government attaches great importance to the Universal Periodic Review.',
  '',
  'We reject any interference in our internal affairs.',
].join('\n');
