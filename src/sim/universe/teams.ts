/**
 * Teams as each venue names them. Kalshi tickers use its own abbreviations and titles use city names with a
 * letter to split shared cities ("Los Angeles L"); Polymarket slugs use lowercase codes that sometimes differ
 * from Kalshi's (NFL Rams `LA`/`la`, Jaguars `JAC`/`jax`) and titles use nicknames ("Bucks vs. Lakers").
 */

export interface Team {
  /** Kalshi ticker code (`MIL`, `LA`, `JAC`). */
  readonly kalshi: string;
  /** Polymarket slug code (`mil`, `la`, `jax`). */
  readonly poly: string;
  /** Kalshi title name: the city, disambiguated (`Los Angeles L`). */
  readonly city: string;
  /** Polymarket title name: the nickname (`Lakers`). */
  readonly nickname: string;
  /** Full name for statements and futures questions (`Los Angeles Lakers`). */
  readonly full: string;
}

type Row = readonly [kalshi: string, city: string, nickname: string, full: string, poly?: string];

const teams = (rows: readonly Row[]): readonly Team[] =>
  rows.map(([kalshi, city, nickname, full, poly]) => ({
    kalshi,
    poly: poly ?? kalshi.toLowerCase(),
    city,
    nickname,
    full,
  }));

export const NBA_TEAMS = teams([
  ['ATL', 'Atlanta', 'Hawks', 'Atlanta Hawks'],
  ['BOS', 'Boston', 'Celtics', 'Boston Celtics'],
  ['BKN', 'Brooklyn', 'Nets', 'Brooklyn Nets'],
  ['CHA', 'Charlotte', 'Hornets', 'Charlotte Hornets'],
  ['CHI', 'Chicago', 'Bulls', 'Chicago Bulls'],
  ['CLE', 'Cleveland', 'Cavaliers', 'Cleveland Cavaliers'],
  ['DAL', 'Dallas', 'Mavericks', 'Dallas Mavericks'],
  ['DEN', 'Denver', 'Nuggets', 'Denver Nuggets'],
  ['DET', 'Detroit', 'Pistons', 'Detroit Pistons'],
  ['GSW', 'Golden State', 'Warriors', 'Golden State Warriors'],
  ['HOU', 'Houston', 'Rockets', 'Houston Rockets'],
  ['IND', 'Indiana', 'Pacers', 'Indiana Pacers'],
  ['LAC', 'Los Angeles C', 'Clippers', 'Los Angeles Clippers'],
  ['LAL', 'Los Angeles L', 'Lakers', 'Los Angeles Lakers'],
  ['MEM', 'Memphis', 'Grizzlies', 'Memphis Grizzlies'],
  ['MIA', 'Miami', 'Heat', 'Miami Heat'],
  ['MIL', 'Milwaukee', 'Bucks', 'Milwaukee Bucks'],
  ['MIN', 'Minnesota', 'Timberwolves', 'Minnesota Timberwolves'],
  ['NOP', 'New Orleans', 'Pelicans', 'New Orleans Pelicans'],
  ['NYK', 'New York', 'Knicks', 'New York Knicks'],
  ['OKC', 'Oklahoma City', 'Thunder', 'Oklahoma City Thunder'],
  ['ORL', 'Orlando', 'Magic', 'Orlando Magic'],
  ['PHI', 'Philadelphia', '76ers', 'Philadelphia 76ers'],
  ['PHX', 'Phoenix', 'Suns', 'Phoenix Suns'],
  ['POR', 'Portland', 'Trail Blazers', 'Portland Trail Blazers'],
  ['SAC', 'Sacramento', 'Kings', 'Sacramento Kings'],
  ['SAS', 'San Antonio', 'Spurs', 'San Antonio Spurs'],
  ['TOR', 'Toronto', 'Raptors', 'Toronto Raptors'],
  ['UTA', 'Utah', 'Jazz', 'Utah Jazz'],
  ['WAS', 'Washington', 'Wizards', 'Washington Wizards'],
]);

export const NFL_TEAMS = teams([
  ['ARI', 'Arizona', 'Cardinals', 'Arizona Cardinals'],
  ['ATL', 'Atlanta', 'Falcons', 'Atlanta Falcons'],
  ['BAL', 'Baltimore', 'Ravens', 'Baltimore Ravens'],
  ['BUF', 'Buffalo', 'Bills', 'Buffalo Bills'],
  ['CAR', 'Carolina', 'Panthers', 'Carolina Panthers'],
  ['CHI', 'Chicago', 'Bears', 'Chicago Bears'],
  ['CIN', 'Cincinnati', 'Bengals', 'Cincinnati Bengals'],
  ['CLE', 'Cleveland', 'Browns', 'Cleveland Browns'],
  ['DAL', 'Dallas', 'Cowboys', 'Dallas Cowboys'],
  ['DEN', 'Denver', 'Broncos', 'Denver Broncos'],
  ['DET', 'Detroit', 'Lions', 'Detroit Lions'],
  ['GB', 'Green Bay', 'Packers', 'Green Bay Packers'],
  ['HOU', 'Houston', 'Texans', 'Houston Texans'],
  ['IND', 'Indianapolis', 'Colts', 'Indianapolis Colts'],
  ['JAC', 'Jacksonville', 'Jaguars', 'Jacksonville Jaguars', 'jax'],
  ['KC', 'Kansas City', 'Chiefs', 'Kansas City Chiefs'],
  ['LV', 'Las Vegas', 'Raiders', 'Las Vegas Raiders'],
  ['LAC', 'Los Angeles C', 'Chargers', 'Los Angeles Chargers'],
  ['LA', 'Los Angeles R', 'Rams', 'Los Angeles Rams'],
  ['MIA', 'Miami', 'Dolphins', 'Miami Dolphins'],
  ['MIN', 'Minnesota', 'Vikings', 'Minnesota Vikings'],
  ['NE', 'New England', 'Patriots', 'New England Patriots'],
  ['NO', 'New Orleans', 'Saints', 'New Orleans Saints'],
  ['NYG', 'New York G', 'Giants', 'New York Giants'],
  ['NYJ', 'New York J', 'Jets', 'New York Jets'],
  ['PHI', 'Philadelphia', 'Eagles', 'Philadelphia Eagles'],
  ['PIT', 'Pittsburgh', 'Steelers', 'Pittsburgh Steelers'],
  ['SF', 'San Francisco', '49ers', 'San Francisco 49ers'],
  ['SEA', 'Seattle', 'Seahawks', 'Seattle Seahawks'],
  ['TB', 'Tampa Bay', 'Buccaneers', 'Tampa Bay Buccaneers'],
  ['TEN', 'Tennessee', 'Titans', 'Tennessee Titans'],
  ['WAS', 'Washington', 'Commanders', 'Washington Commanders'],
]);

export const NHL_TEAMS = teams([
  ['BOS', 'Boston', 'Bruins', 'Boston Bruins'],
  ['BUF', 'Buffalo', 'Sabres', 'Buffalo Sabres'],
  ['CAR', 'Carolina', 'Hurricanes', 'Carolina Hurricanes'],
  ['CHI', 'Chicago', 'Blackhawks', 'Chicago Blackhawks'],
  ['COL', 'Colorado', 'Avalanche', 'Colorado Avalanche'],
  ['DAL', 'Dallas', 'Stars', 'Dallas Stars'],
  ['DET', 'Detroit', 'Red Wings', 'Detroit Red Wings'],
  ['EDM', 'Edmonton', 'Oilers', 'Edmonton Oilers'],
  ['FLA', 'Florida', 'Panthers', 'Florida Panthers'],
  ['LAK', 'Los Angeles', 'Kings', 'Los Angeles Kings'],
  ['MTL', 'Montreal', 'Canadiens', 'Montreal Canadiens'],
  ['NJ', 'New Jersey', 'Devils', 'New Jersey Devils', 'njd'],
  ['NYR', 'New York R', 'Rangers', 'New York Rangers'],
  ['PIT', 'Pittsburgh', 'Penguins', 'Pittsburgh Penguins'],
  ['TB', 'Tampa Bay', 'Lightning', 'Tampa Bay Lightning'],
  ['TOR', 'Toronto', 'Maple Leafs', 'Toronto Maple Leafs'],
  ['VAN', 'Vancouver', 'Canucks', 'Vancouver Canucks'],
  ['VGK', 'Vegas', 'Golden Knights', 'Vegas Golden Knights', 'vgk'],
  ['WPG', 'Winnipeg', 'Jets', 'Winnipeg Jets'],
]);

/** Premier League clubs: Kalshi titles use the short name, Polymarket questions the "FC" name. */
export const EPL_TEAMS = teams([
  ['ARS', 'Arsenal', 'Arsenal FC', 'Arsenal'],
  ['AVL', 'Aston Villa', 'Aston Villa FC', 'Aston Villa'],
  ['BOU', 'Bournemouth', 'AFC Bournemouth', 'Bournemouth'],
  ['BRE', 'Brentford', 'Brentford FC', 'Brentford'],
  ['BHA', 'Brighton', 'Brighton & Hove Albion FC', 'Brighton', 'bri'],
  ['CHE', 'Chelsea', 'Chelsea FC', 'Chelsea'],
  ['CRY', 'Crystal Palace', 'Crystal Palace FC', 'Crystal Palace', 'cry'],
  ['EVE', 'Everton', 'Everton FC', 'Everton'],
  ['FUL', 'Fulham', 'Fulham FC', 'Fulham'],
  ['LIV', 'Liverpool', 'Liverpool FC', 'Liverpool'],
  ['MCI', 'Manchester City', 'Manchester City FC', 'Manchester City', 'mac'],
  ['MUN', 'Manchester United', 'Manchester United FC', 'Manchester United', 'mun'],
  ['NEW', 'Newcastle', 'Newcastle United FC', 'Newcastle United'],
  ['NFO', 'Nottingham Forest', 'Nottingham Forest FC', 'Nottingham Forest', 'not'],
  ['TOT', 'Tottenham', 'Tottenham Hotspur FC', 'Tottenham Hotspur'],
  ['WHU', 'West Ham', 'West Ham United FC', 'West Ham United'],
  ['WOL', 'Wolves', 'Wolverhampton Wanderers FC', 'Wolverhampton'],
]);
