/** Article prose for extraction tests: paragraphs long enough, with commas, to score like a real article. */
export const ARTICLE_PROSE = [
  'The city council voted on Tuesday to expand the tram network, adding three new lines, twelve stations and a depot, after a debate that lasted most of the afternoon.',
  'Supporters said the plan, first proposed in 2019, would cut commuting times, reduce traffic and bring investment to neighbourhoods that have long been poorly served.',
  'Opponents questioned the cost, which officials put at 1.2 billion euros, and asked whether the construction schedule, already delayed twice, could realistically be met.',
  'The mayor, speaking after the vote, said work would begin next spring, with the first line expected to open in 2027, and promised regular public updates on spending.',
];
