/**
 * English stop words: the Glasgow Information Retrieval Group list that scikit-learn ships as
 * ENGLISH_STOP_WORDS, which TfidfVectorizer uses, less the
 * content words it wrongly holds for research text (system, interest, side, part, top, …).
 * Contractions' parts ("n't", "'s") never reach this list: the tokenizer drops them as non-words.
 */
const WORDS = `a about above across after afterwards again against all almost alone along already also although
always am among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere
are around as at back be became because become becomes becoming been before beforehand behind being
below beside besides between beyond both but by call can cannot cant co con could couldnt de
describe detail do done down due during each eg eight either eleven else elsewhere enough etc even
ever every everyone everything everywhere except few fifteen fifty fill find first five for former
formerly forty found four from further get give go had has hasnt have he hence her here hereafter
hereby herein hereupon hers herself him himself his how however hundred i ie if in inc indeed into
is it its itself keep last latter latterly least less ltd made many may me meanwhile might mine more
moreover most mostly much must my myself namely neither never nevertheless next nine no nobody none
noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our
ours ourselves out over own per perhaps please put rather re same see seem seemed seeming seems
several she should show since six sixty so some somehow someone something sometime sometimes
somewhere still such take ten than that the their them themselves then thence there thereafter
thereby therefore therein thereupon these they third this those though three through throughout thru
thus to together too toward towards twelve twenty two un under until up upon us very via was we well
were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
whether which while whither who whoever whole whom whose why will with within without would yet you
your yours yourself yourselves`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/));
