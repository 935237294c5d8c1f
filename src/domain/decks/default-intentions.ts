import type { Card } from '../types';

/**
 * The default intention deck: why a municipality and its partners invest in the sociale basis.
 * It starts from the expectations the handleiding names (inwoners beter geholpen, goedkoper: van
 * eerstelijn naar nuldelijn, steun die minder snel verdwijnt) and adds the aims that recur in Dutch
 * policy on the social domain. Ids are stable; never reuse or rename one.
 */
const TITLES: ReadonlyArray<readonly [id: string, title: string]> = [
  ['beter-geholpen', 'Inwoners zijn beter geholpen'],
  ['goedkoper-nuldelijn', 'Goedkoper: van eerstelijn naar nuldelijn'],
  ['verbinding', 'Meer verbinding tussen inwoners'],
  ['minder-eenzaamheid', 'Minder eenzaamheid'],
  ['meedoen', 'Iedereen kan meedoen in de samenleving'],
  ['voorkomen', 'Problemen voorkomen (preventie)'],
  ['vroeg-signaleren', 'Zorgen eerder signaleren'],
  ['langer-thuis', 'Inwoners wonen langer zelfstandig thuis'],
  ['eigen-regie', 'Meer eigen regie en eigen kracht van inwoners'],
  ['veerkrachtige-gemeenschap', 'Sterke, veerkrachtige gemeenschappen'],
  ['dichtbij-laagdrempelig', 'Steun dichtbij huis en laagdrempelig'],
  ['minder-maatwerk', 'Minder vraag naar maatwerkvoorzieningen en specialistische zorg'],
  ['gezondheid-welzijn', 'Betere gezondheid en welzijn (positieve gezondheid)'],
  ['kansengelijkheid', 'Gelijke kansen en bestaanszekerheid'],
  ['vrijwillige-inzet', 'Meer vrijwillige inzet en actief burgerschap'],
  ['leefbare-wijk', 'Veilige en leefbare wijken'],
  ['steun-die-blijft', 'Steun die blijft en minder snel verdwijnt'],
  ['mantelzorgers-ontlasten', 'Mantelzorgers en vrijwilligers ontlasten en versterken'],
];

export const DEFAULT_INTENTIONS: ReadonlyArray<Card> = TITLES.map(([id, title]) => ({
  id,
  title,
  kind: 'intention',
}));
